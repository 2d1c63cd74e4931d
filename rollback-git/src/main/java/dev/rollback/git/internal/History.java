package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jgit.errors.StopWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Reading history: searching commits, telling whether a commit is reverted, listing what a commit changed. */
final class History {

  private static final Pattern REVERTS = Pattern.compile("This reverts commit ([0-9a-f]{40})");

  private History() {}

  /**
   * Runs a commit search.
   *
   * @param s the session
   * @param params the search's resolved parameters
   * @param clock the executor's clock, for {@code within}
   * @param pick {@code oldest}, {@code newest} or {@code all}
   * @return the matches, newest first (one for {@code newest} and {@code oldest})
   */
  static List<RevCommit> search(Session s, Map<String, Object> params, Clock clock, String pick) throws IOException {
    RevWalk walk = s.walk;
    walk.reset();
    walk.setRetainBody(true);
    walk.setRevFilter(RevFilter.ALL);
    walk.setTreeFilter(TreeFilter.ALL);
    String from = params.containsKey("from") ? String.valueOf(params.get("from")) : Constants.HEAD;
    walk.markStart(s.commit(from, "starting point"));
    if (params.containsKey("excluding")) {
      walk.markUninteresting(s.commit(String.valueOf(params.get("excluding")), "excluded revision"));
    }
    List<RevFilter> filters = new ArrayList<>();
    if (params.containsKey("grep")) {
      filters.add(new MessageFilter(pattern(String.valueOf(params.get("grep")), "message pattern"), null));
    }
    if (params.containsKey("text")) {
      filters.add(new MessageFilter(null, String.valueOf(params.get("text"))));
    }
    if (params.containsKey("author")) {
      filters.add(new AuthorFilter(pattern(String.valueOf(params.get("author")), "author pattern")));
    }
    Instant since = null;
    if (params.containsKey("since")) {
      since = instant(params.get("since"), "since");
    }
    if (params.containsKey("within")) {
      Object w = params.get("within");
      Duration age = w instanceof Duration ? (Duration) w : Duration.parse(String.valueOf(w));
      Instant cut = clock.instant().minus(age);
      since = since == null || cut.isAfter(since) ? cut : since;
    }
    if (since != null) {
      filters.add(CommitTimeRevFilter.after(since.minusMillis(1)));
    }
    if (params.containsKey("until")) {
      filters.add(CommitTimeRevFilter.before(instant(params.get("until"), "until").plusMillis(1)));
    }
    if (params.containsKey("tagged")) {
      filters.add(new InSetFilter(taggedCommits(s, String.valueOf(params.get("tagged")))));
    }
    if (!filters.isEmpty()) {
      walk.setRevFilter(filters.size() == 1 ? filters.get(0) : AndRevFilter.create(filters));
    }
    Object paths = params.get("paths");
    if (paths instanceof List && !((List<?>) paths).isEmpty()) {
      List<String> normalized = new ArrayList<>();
      for (Object p : (List<?>) paths) {
        normalized.add(Inputs.repoPath(null, String.valueOf(p)));
      }
      walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(normalized), TreeFilter.ANY_DIFF));
    }
    List<RevCommit> out = new ArrayList<>();
    RevCommit last = null;
    for (RevCommit c : walk) {
      if (pick.equals("newest")) {
        return List.of(c);
      }
      if (pick.equals("oldest")) {
        last = c;
      } else {
        out.add(c);
      }
    }
    if (pick.equals("oldest")) {
      return last == null ? List.of() : List.of(last);
    }
    return out;
  }

  /** A search in words, for summaries. */
  static String describe(Map<String, Object> params) {
    List<String> parts = new ArrayList<>();
    if (params.containsKey("grep")) {
      parts.add("matching /" + params.get("grep") + "/");
    }
    if (params.containsKey("text")) {
      parts.add("containing '" + params.get("text") + "'");
    }
    if (params.containsKey("author")) {
      parts.add("by " + params.get("author"));
    }
    if (params.containsKey("paths")) {
      parts.add("touching " + params.get("paths"));
    }
    if (params.containsKey("tagged")) {
      parts.add("tagged " + params.get("tagged"));
    }
    if (params.containsKey("since")) {
      parts.add("since " + params.get("since"));
    }
    if (params.containsKey("within")) {
      parts.add("within " + params.get("within"));
    }
    if (params.containsKey("until")) {
      parts.add("until " + params.get("until"));
    }
    String range = params.containsKey("excluding")
        ? params.get("excluding") + ".." + params.getOrDefault("from", "HEAD")
        : String.valueOf(params.getOrDefault("from", "HEAD"));
    return (parts.isEmpty() ? "any commit" : String.join(", ", parts)) + " on " + range;
  }

  private static Pattern pattern(String regex, String what) {
    try {
      // Lines end at '\n' only, as git's do: a '\r' before it is part of the line.
      return Pattern.compile(regex, Pattern.MULTILINE | Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new GitException(what + " '" + Inputs.printable(regex) + "' is not a valid regular expression: "
          + e.getDescription(), e);
    }
  }

  private static Instant instant(Object value, String what) {
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new GitException(what + " '" + value + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z", e);
    }
  }

  private static Set<ObjectId> taggedCommits(Session s, String glob) throws IOException {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Set<ObjectId> out = new HashSet<>();
    for (Ref r : s.repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      String name = r.getName().substring(Constants.R_TAGS.length());
      if (!m.matches(Paths.get(name))) {
        continue;
      }
      Ref peeled = s.repo.getRefDatabase().peel(r);
      ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Whether a commit's change is reverted on the history of {@code head}: a later commit says
   * {@code This reverts commit <id>} and is not itself reverted. Only commits after {@code target} count.
   *
   * @return the commit that reverts it, or {@code null} when the change is in effect
   */
  static RevCommit revertedBy(Session s, RevCommit target, RevCommit head) throws IOException {
    RevWalk walk = s.walk;
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    walk.setTreeFilter(TreeFilter.ALL);
    walk.markStart(walk.parseCommit(head));
    walk.markUninteresting(walk.parseCommit(target));
    Map<String, List<RevCommit>> revertsOf = new HashMap<>();
    for (RevCommit c : walk) {
      Matcher m = REVERTS.matcher(c.getFullMessage());
      while (m.find()) {
        revertsOf.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(c);
      }
    }
    return effectiveRevert(target.name(), revertsOf, new HashMap<>());
  }

  private static RevCommit effectiveRevert(String id, Map<String, List<RevCommit>> revertsOf,
      Map<String, RevCommit> memo) {
    if (memo.containsKey(id)) {
      return memo.get(id);
    }
    memo.put(id, null);
    RevCommit found = null;
    for (RevCommit r : revertsOf.getOrDefault(id, List.of())) {
      if (effectiveRevert(r.name(), revertsOf, memo) == null) {
        found = r;
        break;
      }
    }
    memo.put(id, found);
    return found;
  }

  /**
   * The paths a commit changed against its first parent (every path for a root commit), sorted as git lists them.
   */
  static List<String> changedFiles(Session s, RevCommit c) throws IOException {
    s.walk.parseHeaders(c);
    List<String> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(s.reader)) {
      if (c.getParentCount() > 0) {
        RevCommit p = c.getParent(0);
        s.walk.parseHeaders(p);
        tw.addTree(p.getTree());
      } else {
        tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
      }
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        out.add(tw.getPathString());
      }
    }
    return out;
  }

  /** Keeps commits whose message matches a pattern (found anywhere) or contains a text. */
  private static final class MessageFilter extends RevFilter {
    private final Pattern pattern;
    private final String text;
    private final byte[] textBytes;

    private final boolean asciiPattern;

    MessageFilter(Pattern pattern, String text) {
      this.pattern = pattern;
      this.text = text;
      this.asciiPattern = pattern != null && pattern.pattern().chars().allMatch(ch -> ch < 0x80);
      this.textBytes = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean include(RevWalk walker, RevCommit c) {
      byte[] raw = c.getRawBuffer();
      int start = messageStart(raw);
      if (textBytes != null) {
        return indexOf(raw, start, textBytes) >= 0 && c.getFullMessage().contains(text);
      }
      // Like git log --grep, the text searched begins with the empty line that separates the headers from the
      // message, so '^$' matches every commit, as it does in git.
      if (asciiPattern) {
        // An ASCII pattern matches the message's bytes as they are, without decoding every message.
        return pattern.matcher(new RawChars(raw, Math.max(0, start - 1), raw.length)).find();
      }
      return pattern.matcher("\n" + c.getFullMessage()).find();
    }

    @Override
    public RevFilter clone() {
      return new MessageFilter(pattern, text);
    }

    @Override
    public boolean requiresCommitBody() {
      return true;
    }
  }

  /** Keeps commits whose author ({@code Name <email>}) matches a pattern. */
  private static final class AuthorFilter extends RevFilter {
    private final Pattern pattern;

    AuthorFilter(Pattern pattern) {
      this.pattern = pattern;
    }

    @Override
    public boolean include(RevWalk walker, RevCommit c) throws StopWalkException {
      var a = c.getAuthorIdent();
      return pattern.matcher(a.getName() + " <" + a.getEmailAddress() + ">").find();
    }

    @Override
    public RevFilter clone() {
      return new AuthorFilter(pattern);
    }

    @Override
    public boolean requiresCommitBody() {
      return true;
    }
  }

  /** Keeps commits in a set. */
  private static final class InSetFilter extends RevFilter {
    private final Set<ObjectId> ids;

    InSetFilter(Set<ObjectId> ids) {
      this.ids = ids;
    }

    @Override
    public boolean include(RevWalk walker, RevCommit c) {
      return ids.contains(c.getId());
    }

    @Override
    public RevFilter clone() {
      return this;
    }

    @Override
    public boolean requiresCommitBody() {
      return false;
    }
  }

  /** Bytes seen as characters one to one, so a pattern runs over a commit's raw message without copying it. */
  private static final class RawChars implements CharSequence {
    private final byte[] raw;
    private final int start;
    private final int end;

    RawChars(byte[] raw, int start, int end) {
      this.raw = raw;
      this.start = start;
      this.end = end;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      return (char) (raw[start + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new RawChars(raw, start + from, start + to);
    }

    @Override
    public String toString() {
      return new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
    }
  }

  private static int messageStart(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n' && raw[i + 1] == '\n') {
        return i + 2;
      }
    }
    return raw.length;
  }

  private static int indexOf(byte[] hay, int from, byte[] needle) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
