package dev.rollback.git;

import dev.rollback.git.internal.Engine;
import dev.rollback.git.internal.GitRepo;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * conflicts changes nothing. Pushes with a lease expect the remote value seen when the run was assessed
 * ({@link #onRunStart}). Bare repositories serve reads, tags and pushes; steps that need a work tree refuse them.
 *
 * <p>An adapter is immutable configuration around a lazily opened repository; {@link #close()} releases it.
 */
public final class GitAdapter implements Adapter {

  private final Path dir;
  private final GitRepo repo;
  private final String user;
  private final char[] token;
  private final String[] identity;
  private final Engine engine;
  private final Map<String, StepHandler> steps;
  private final Map<String, CheckEvaluator> checks;
  private final Map<String, SignalSource> signals;

  private GitAdapter(Path dir, GitRepo repo, String user, char[] token, String[] identity) {
    this.dir = dir;
    this.repo = repo;
    this.user = user;
    this.token = token;
    this.identity = identity;
    this.engine = new Engine(repo, identity,
        token == null ? null : new UsernamePasswordCredentialsProvider(user, token.clone()));
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
    return new GitAdapter(dir, GitRepo.locate(dir), user, token.clone(), identity);
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
        new String[] {name, email});
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
   * switch to. Then pins, for every push with a lease in the plan, the remote ref's current value (remembered in the
   * run, so a resumed run keeps it).
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
   * Proves that every commit reachable from a ref before the run is still reachable from one, with evidence: the
   * counts, the refs moved and created, the backup prefix.
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
   * The token given with {@link #withCredentials}, for redaction.
   *
   * @return the token, or nothing
   */
  @Override
  public Collection<String> secrets() {
    return token == null ? List.of() : List.of(new String(token));
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
