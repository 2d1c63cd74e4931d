package dev.rollback.git;

import dev.rollback.git.internal.Engine;
import dev.rollback.git.internal.GitRepo;
import dev.rollback.git.internal.Prune;
import dev.rollback.git.internal.RemoteCredentials;
import dev.rollback.run.Journal;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The Git adapter: interprets {@link GitSteps}, {@link GitChecks} and {@link GitSignals} on a repository on disk,
 * through JGit, doing what {@code git} would do.
 *
 * <pre>{@code
 * RollbackExecutor executor = RollbackExecutor.builder()
 *     .adapter(GitAdapter.open(Path.of("/srv/repo")).withCredentials("ci-bot", System.getenv("GIT_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>Opening is cheap: the directory is checked to be a repository's root, and the repository itself is opened on
 * first use. JGit's three-second first-use probe of the file system is avoided (see the package documentation).
 *
 * <p>Safety: a step that changes the work tree refuses a dirty one (listing the dirty paths) and never resets it;
 * before the run's first change every ref is backed up under {@code refs/rollback/<run>/}; after the run
 * {@link #onRunEnd} proves that every commit reachable before is still reachable. A revert or cherry-pick that
 * conflicts changes nothing. Pushes with a lease expect what the repository knew of the remote when the run was
 * assessed ({@link #onRunStart}): its remote-tracking refs, fetched first when the plan says {@link GitSteps#fetch}
 * or the adapter is {@link #fetchingAtAssessment()}. Before any push the remote's value is kept under
 * {@code refs/rollback/<run>/remote/}, and the audit covers the remote refs pushed. Bare repositories serve reads,
 * tags and pushes; steps that need a work tree refuse them.
 *
 * <p>An adapter is immutable configuration around a lazily opened repository; {@link #close()} releases it.
 */
public final class GitAdapter implements Adapter {

  private final Path dir;
  private final GitRepo repo;
  private final String user;
  private final char[] token;
  private final String[] identity;
  private final boolean fetch;
  private final Engine engine;
  private final Map<String, StepHandler> steps;
  private final Map<String, CheckEvaluator> checks;
  private final Map<String, SignalSource> signals;

  private GitAdapter(Path dir, GitRepo repo, String user, char[] token, String[] identity) {
    this(dir, repo, user, token, identity, false);
  }

  private GitAdapter(Path dir, GitRepo repo, String user, char[] token, String[] identity, boolean fetch) {
    this.dir = dir;
    this.repo = repo;
    this.user = user;
    this.token = token;
    this.identity = identity;
    this.fetch = fetch;
    this.engine = new Engine(repo, identity,
        token == null ? null : new UsernamePasswordCredentialsProvider(user, token.clone()), fetch);
    this.steps = Map.copyOf(engine.steps());
    this.checks = Map.copyOf(engine.checks());
    this.signals = Map.copyOf(engine.signals());
  }

  /**
   * An adapter for the repository whose root is the directory: a work tree with {@code .git}, or a bare
   * repository. Only the file system is looked at; the repository is opened on first use.
   *
   * @param dir the repository's root
   * @return the adapter
   * @throws NullPointerException if {@code dir} is null
   * @throws GitException when the directory does not exist or is not a repository's root
   */
  public static GitAdapter open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new GitAdapter(dir, GitRepo.locate(dir), null, null, null);
  }

  /**
   * The same adapter authenticating to remotes over HTTPS with a user and a token (or password). The token is
   * never logged nor shown; it is reported by {@link #secrets()} so the executor redacts it everywhere.
   *
   * @param user the user name (for a token, often the token's owner or {@code x-access-token})
   * @param token the token; copied, so the caller may clear its array
   * @return the new adapter
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the token is empty
   */
  public GitAdapter withCredentials(String user, char[] token) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(token, "token");
    if (token.length == 0) {
      throw new IllegalArgumentException("token is empty");
    }
    return new GitAdapter(dir, GitRepo.locate(dir), user, token.clone(), identity, fetch);
  }

  /**
   * The same adapter authenticating to remotes with a user and a token; see {@link #withCredentials(String, char[])}.
   *
   * @param user the user name
   * @param token the token
   * @return the new adapter
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the token is empty
   */
  public GitAdapter withCredentials(String user, String token) {
    return withCredentials(user, Objects.requireNonNull(token, "token").toCharArray());
  }

  /**
   * The same adapter committing and tagging as this identity, instead of the repository's {@code user.name} and
   * {@code user.email}, such as a rollback bot's.
   *
   * @param name the name
   * @param email the e-mail address
   * @return the new adapter
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public GitAdapter withIdentity(String name, String email) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (name.isBlank() || email.isBlank()) {
      throw new IllegalArgumentException("identity needs a name and an e-mail address, was '" + name + "' <"
          + email + ">");
    }
    return new GitAdapter(dir, GitRepo.locate(dir), user, token == null ? null : token.clone(),
        new String[] {name, email}, fetch);
  }

  /**
   * The same adapter fetching, when a run is assessed, every remote the plan pushes to (the launcher's
   * {@code --fetch}), as if the plan began with {@link GitSteps#fetch(String)}: the leases of its pushes then
   * expect what the remotes hold at that moment instead of what the clone last fetched, and a shallow clone may be
   * deepened when a step needs history it lacks.
   *
   * @return the new adapter
   */
  public GitAdapter fetchingAtAssessment() {
    return new GitAdapter(dir, GitRepo.locate(dir), user, token == null ? null : token.clone(), identity, true);
  }

  /**
   * Deletes the backup refs ({@code refs/rollback/<run>/...}) of the runs that the journal shows finished longer
   * than {@code olderThan} before {@code now}. The backups of a run that has not finished (still going, or
   * interrupted and waiting for a resume) are never deleted, nor those of a run this journal does not know.
   *
   * <pre>{@code
   * adapter.pruneBackups(Journal.directory(repo.resolve(".rollback")), Duration.ofDays(30), Instant.now())
   * }</pre>
   *
   * @param journal the journal the runs were recorded in
   * @param olderThan how long ago a run must have finished for its backups to go; zero or more
   * @param now the current instant
   * @return the runs pruned and the backups kept, with why
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code olderThan} is negative
   * @throws GitException when the refs cannot be read or deleted (then none is deleted)
   */
  public BackupPrune pruneBackups(Journal journal, Duration olderThan, Instant now) {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(now, "now");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must be zero or more, was " + olderThan);
    }
    try {
      return Prune.prune(engine, journal, olderThan, now);
    } catch (java.io.IOException e) {
      throw new GitException("cannot prune the backups in '" + dir + "': " + e.getMessage(), e);
    }
  }

  /**
   * The repository's root, as located.
   *
   * @return the directory
   */
  public Path directory() {
    return repo.dir();
  }

  /**
   * Always {@code git}, the prefix of the kinds this adapter handles.
   *
   * @return {@code git}
   */
  @Override
  public String name() {
    return "git";
  }

  /**
   * The handlers of {@link GitSteps}' kinds.
   *
   * @return handlers by kind
   */
  @Override
  public Map<String, StepHandler> steps() {
    return steps;
  }

  /**
   * The evaluators of {@link GitChecks}' kinds.
   *
   * @return evaluators by kind
   */
  @Override
  public Map<String, CheckEvaluator> checks() {
    return checks;
  }

  /**
   * The sources of {@link GitSignals}' kinds.
   *
   * @return sources by kind
   */
  @Override
  public Map<String, SignalSource> signals() {
    return signals;
  }

  /**
   * Refuses, before anything changes, a HEAD on which the plan's work would be lost: detached when a procedure
   * commits on HEAD (or starts a branch from it) before checking out a branch, or on another branch than the one a
   * procedure pushes after committing on HEAD; the message names the procedure and step and says which branch to
   * switch to. Then takes, for every push with a lease in the plan, the value it will expect: the remote-tracking
   * ref's (remembered in the run, so a resumed run keeps it), after fetching the remotes the plan fetches.
   *
   * @param run the run
   * @throws Exception when HEAD would lose the work ({@link GitException}), a remote cannot be read, or a pushed
   *     branch name is invalid
   */
  @Override
  public void onRunStart(RunContext run) throws Exception {
    engine.onRunStart(run);
  }

  /**
   * Refuses a dirty work tree, then backs up every ref under {@code refs/rollback/<run>/}.
   *
   * @param run the run
   * @throws Exception when the work tree is dirty ({@link DirtyWorkTreeException}) or the backup fails
   */
  @Override
  public void beforeFirstMutation(RunContext run) throws Exception {
    engine.beforeFirstMutation(run);
  }

  /**
   * Proves that every commit reachable from a ref before the run is still reachable from one, and that every commit
   * a remote ref the run pushed held before is still on the remote or kept by a backup, with evidence: the counts
   * per side, the refs moved and created, the backup prefix, the commits kept only by backups.
   *
   * @param run the run
   * @return the audit
   * @throws Exception when the repository cannot be read
   */
  @Override
  public Optional<Audit> onRunEnd(RunContext run) throws Exception {
    return engine.onRunEnd(run);
  }

  /**
   * Recovers, when an interrupted run resumes, what the Git work it cut off left half-done, as git documents it: a
   * lock file ({@code index.lock}, {@code HEAD.lock}, {@code packed-refs.lock}, {@code refs/...lock}, and for a push
   * those of a remote on this machine) that the cut-off work could have made, made after its process started and
   * used by no live process, is removed; files a cut-off step was writing into the work tree are put back as HEAD
   * has them and their index entries rebuilt from HEAD. A lock held by a live process (a {@code git} command), older
   * than the cut-off process, or of a kind the cut-off work never takes, and files someone else changed, block the
   * run: the answer names the file and the command that clears it.
   *
   * @param run the run
   * @param cutOff the work that was cut off
   * @return what was recovered, or what blocks the run
   * @throws Exception when the repository cannot be read
   */
  @Override
  public Recovery recover(RunContext run, Interruption cutOff) throws Exception {
    return engine.recover(run, cutOff);
  }

  /**
   * The repository's run lock, {@code rollback/lock} in its Git directory: one run at a time per repository,
   * whatever the plan, workspace or journal.
   *
   * @return the lock file
   */
  @Override
  public Collection<Path> runLocks() {
    return List.of(engine.runLock());
  }

  /**
   * For redaction: the token given with {@link #withCredentials}, and the credentials written into the URLs of the
   * repository's configuration ({@code https://x-access-token:TOKEN@host/o/r.git}), which commands that print a
   * remote's URL would show. A plain user name ({@code git@host}) is not a secret.
   *
   * @return the secret values
   */
  @Override
  public Collection<String> secrets() {
    Set<String> out = new LinkedHashSet<>();
    if (token != null) {
      out.add(new String(token));
    }
    try {
      out.addAll(RemoteCredentials.of(repo.repository().getConfig()));
    } catch (RuntimeException e) {
      // A repository that cannot be opened has no configuration to read; its steps will say why.
    }
    return List.copyOf(out);
  }

  /** Closes the repository, if it was opened. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "GitAdapter[" + repo.dir() + (user == null ? "" : ", credentials for " + user) + "]";
  }
}
