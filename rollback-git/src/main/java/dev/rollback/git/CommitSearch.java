package dev.rollback.git;

import dev.rollback.RepoPath;
import dev.rollback.Revision;
import dev.rollback.git.internal.GitContracts;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A search over a branch's history, as a value: which commits (message pattern, author, time, paths, tags, a range)
 * and which of the matches to take. It ends in a {@link dev.rollback.Check} (from {@link GitChecks}) or a
 * {@link dev.rollback.Step} (from {@link GitSteps}) that identifies the commit:
 *
 * <pre>{@code
 * // the seed's LAST_STABLE_COMMIT=$(git log --oneline --grep="P3-007" | tail -1 | cut -d' ' -f1)
 * Check culprit = GitChecks.commitMatching("P3-007").oldest().as("culprit");
 *
 * Step fixes = GitSteps.commits().between("v1.4.0", "main").by("alice").touching(path("ci.yml")).all().as("fixes");
 * }</pre>
 *
 * <p>Commits are listed as {@code git log} lists them: from the starting point (HEAD unless {@link #from(Revision)}
 * says otherwise), newest first by commit date; {@link #oldest()} is the last one {@code git log} would print, so
 * {@code oldest()} is {@code | tail -1} and {@link #newest()} is {@code | head -1}. Message patterns are Java regular
 * expressions found anywhere in the message, with {@code ^} and {@code $} matching at line boundaries, as
 * {@code git log --grep} does line by line. Each method returns a new search; the search is immutable.
 *
 * @param <T> what the search ends in: {@link dev.rollback.Check} or {@link dev.rollback.Step}
 */
public final class CommitSearch<T> {

  /** Makes the check or step for a finished search. */
  interface Finisher<T> {
    T finish(String pick, String name, Map<String, Object> params);
  }

  private final Finisher<T> finisher;
  private final Map<String, Object> params;
  private final String description;

  CommitSearch(Finisher<T> finisher, Map<String, Object> params, String description) {
    this.finisher = finisher;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.description = description;
  }

  private CommitSearch<T> with(String key, Object value, String words) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(key, value);
    return new CommitSearch<>(finisher, p, description.isEmpty() ? words : description + " " + words);
  }

  /**
   * Keeps commits whose message matches the pattern, like {@code git log --grep}.
   *
   * @param regex a Java regular expression, found anywhere in the message
   * @return the narrowed search
   * @throws NullPointerException if {@code regex} is null
   */
  public CommitSearch<T> matching(String regex) {
    return with("grep", Objects.requireNonNull(regex, "regex"), "matching '" + regex + "'");
  }

  /**
   * Keeps commits whose message contains the text literally, like {@code git log -F --grep}.
   *
   * @param text the text
   * @return the narrowed search
   * @throws NullPointerException if {@code text} is null
   */
  public CommitSearch<T> containing(String text) {
    return with("text", Objects.requireNonNull(text, "text"), "containing '" + text + "'");
  }

  /**
   * Keeps commits whose author matches, like {@code git log --author}: the pattern is found in
   * {@code Name <email>}.
   *
   * @param authorRegex a Java regular expression
   * @return the narrowed search
   * @throws NullPointerException if {@code authorRegex} is null
   */
  public CommitSearch<T> by(String authorRegex) {
    return with("author", Objects.requireNonNull(authorRegex, "authorRegex"), "by '" + authorRegex + "'");
  }

  /**
   * Keeps commits committed at or after the instant, like {@code git log --since}.
   *
   * @param since the earliest commit time
   * @return the narrowed search
   * @throws NullPointerException if {@code since} is null
   */
  public CommitSearch<T> since(Instant since) {
    return with("since", Objects.requireNonNull(since, "since").toString(), "since " + since);
  }

  /**
   * Keeps commits committed at or before the instant, like {@code git log --until}.
   *
   * @param until the latest commit time
   * @return the narrowed search
   * @throws NullPointerException if {@code until} is null
   */
  public CommitSearch<T> until(Instant until) {
    return with("until", Objects.requireNonNull(until, "until").toString(), "until " + until);
  }

  /**
   * Keeps commits committed within the given time before the run started, such as the last 7 days.
   *
   * @param age how far back, measured on the executor's clock
   * @return the narrowed search
   * @throws NullPointerException if {@code age} is null
   * @throws IllegalArgumentException if {@code age} is negative
   */
  public CommitSearch<T> within(Duration age) {
    if (Objects.requireNonNull(age, "age").isNegative()) {
      throw new IllegalArgumentException("age must not be negative, was " + age);
    }
    return with("within", age, "within " + age);
  }

  /**
   * Keeps commits that changed one of the paths, like {@code git log -- paths} (with its history simplification).
   *
   * @param paths files or directories relative to the repository's root
   * @return the narrowed search
   * @throws NullPointerException if a path is null
   */
  public CommitSearch<T> touching(RepoPath... paths) {
    List<RepoPath> list = Arrays.asList(paths.clone());
    list.forEach(p -> Objects.requireNonNull(p, "path"));
    return with("paths", List.copyOf(list), "touching " + list);
  }

  /**
   * Keeps commits that a tag points to (directly or through an annotated tag), with tag names matching the glob
   * ({@code *} for any tag, {@code v1.*} for some).
   *
   * @param tagGlob a glob over short tag names
   * @return the narrowed search
   * @throws NullPointerException if {@code tagGlob} is null
   */
  public CommitSearch<T> tagged(String tagGlob) {
    return with("tagged", Objects.requireNonNull(tagGlob, "tagGlob"), "tagged '" + tagGlob + "'");
  }

  /**
   * Searches the history of another starting point instead of HEAD.
   *
   * @param rev a branch, tag or commit: text, a {@link dev.rollback.Ref} or a {@link dev.rollback.Template}
   * @return the search
   * @throws IllegalArgumentException if {@code rev} is blank text
   */
  public CommitSearch<T> from(Revision rev) {
    return with(GitContracts.FROM.name(), GitContracts.FROM.write(GitSteps.rev(rev, "rev")), "from " + rev);
  }

  /**
   * {@link #from(Revision)} a revision given as text.
   *
   * @param rev a branch, tag, full or short id, or an expression such as {@code HEAD~1}
   * @return the search
   * @throws IllegalArgumentException if {@code rev} is blank
   */
  public CommitSearch<T> from(String rev) {
    return from(GitSteps.revision(rev, "rev"));
  }

  /**
   * Searches the commits in {@code to} that are not in {@code from}, like {@code git log from..to}.
   *
   * @param from the exclusive start: a branch, tag or commit
   * @param to the inclusive end: a branch, tag or commit
   * @return the search
   * @throws IllegalArgumentException if an argument is blank text
   */
  public CommitSearch<T> between(Revision from, Revision to) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(GitContracts.FROM.name(), GitContracts.FROM.write(GitSteps.rev(to, "to")));
    p.put(GitContracts.EXCLUDING.name(), GitContracts.EXCLUDING.write(GitSteps.rev(from, "from")));
    String words = "between " + from + " and " + to;
    return new CommitSearch<>(finisher, p, description.isEmpty() ? words : description + " " + words);
  }

  /**
   * {@link #between(Revision, Revision)} revisions given as text.
   *
   * @param from the exclusive start: a branch, tag or commit
   * @param to the inclusive end: a branch, tag or commit
   * @return the search
   * @throws IllegalArgumentException if an argument is blank
   */
  public CommitSearch<T> between(String from, String to) {
    return between(GitSteps.revision(from, "from"), GitSteps.revision(to, "to"));
  }


  /**
   * Takes the oldest match: the last line {@code git log} would print ({@code | tail -1}). Fails when nothing
   * matches.
   *
   * @return the check or step; its value is the commit's full id
   */
  public T oldest() {
    return finisher.finish("oldest", "oldest commit " + describe(), params);
  }

  /**
   * Takes the newest match: the first line {@code git log} would print ({@code | head -1}). Fails when nothing
   * matches.
   *
   * @return the check or step; its value is the commit's full id
   */
  public T newest() {
    return finisher.finish("newest", "newest commit " + describe(), params);
  }

  /**
   * Takes every match, newest first. A check passes when there is at least one; a step succeeds with an empty
   * list.
   *
   * @return the check or step; its value is the list of full ids
   */
  public T all() {
    return finisher.finish("all", "commits " + describe(), params);
  }

  /**
   * The search's criteria as plan parameters.
   *
   * @return the parameters
   */
  public Map<String, Object> params() {
    return params;
  }

  /**
   * The search in words.
   *
   * @return the description
   */
  public String describe() {
    return description.isEmpty() ? "on HEAD" : description;
  }

  @Override
  public String toString() {
    return "CommitSearch[" + describe() + "]";
  }
}
