package dev.rollback.git.internal;

import dev.rollback.git.Culprits;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSignals;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * The Git adapter's engine: the repository, the identity and credentials the embedding tool gave, the handlers by
 * kind, and the run hooks (lease pinning, backups, reachability audit).
 */
public final class Engine implements AutoCloseable {

  final GitRepo repo;
  final String[] identity;
  final CredentialsProvider credentials;
  /** Whether runs fetch the remotes their pushes name at assessment, as if the plan said {@code fetch}. */
  final boolean fetchAtAssessment;
  private final ConcurrentMap<String, Virtual> previews = new ConcurrentHashMap<>();
  /** Runs whose tracked files this process has compared with the index since the run (or its resumption) began. */
  private final java.util.Set<String> scanned = ConcurrentHashMap.newKeySet();

  /**
   * Creates the engine.
   *
   * @param repo the repository, not yet opened
   * @param identity {@code [name, email]} to commit as, or {@code null} for the repository's configuration
   * @param credentials credentials for remotes, or {@code null}
   */
  public Engine(GitRepo repo, String[] identity, CredentialsProvider credentials) {
    this(repo, identity, credentials, false);
  }

  /**
   * Creates the engine.
   *
   * @param repo the repository, not yet opened
   * @param identity {@code [name, email]} to commit as, or {@code null} for the repository's configuration
   * @param credentials credentials for remotes, or {@code null}
   * @param fetchAtAssessment whether runs fetch the remotes their pushes name at assessment
   */
  public Engine(GitRepo repo, String[] identity, CredentialsProvider credentials, boolean fetchAtAssessment) {
    this.repo = repo;
    this.identity = identity == null ? null : identity.clone();
    this.credentials = credentials;
    this.fetchAtAssessment = fetchAtAssessment;
  }

  /**
   * The repository.
   *
   * @return the repository
   */
  public GitRepo repo() {
    return repo;
  }

  Virtual virtual(RunContext run) {
    return previews.computeIfAbsent(run.runId(), k -> new Virtual(repo.repository().newObjectReader()));
  }

  /**
   * Whether every tracked file still has to be compared with the index for this run: once per run and process.
   * After that first full look, the run's own steps leave the tree clean, so a step only checks the index and the
   * files it is about to change (any other file someone edits meanwhile is left alone, never overwritten).
   */
  boolean needsFullScan(RunContext run) {
    return !scanned.contains(run.runId() + (run.dryRun() ? "#preview" : ""));
  }

  void scannedFully(RunContext run) {
    scanned.add(run.runId() + (run.dryRun() ? "#preview" : ""));
  }

  Session session(RunContext run) {
    return new Session(this, run);
  }

  /**
   * The step handlers by kind.
   *
   * @return the handlers
   */
  public Map<String, StepHandler> steps() {
    Map<String, StepHandler> m = new LinkedHashMap<>();
    m.put(GitSteps.FIND_COMMIT, new ReadSteps.FindCommit(this));
    m.put(GitSteps.FIND_COMMITS, new ReadSteps.FindCommit(this));
    m.put(GitSteps.CHANGED_FILES, new ReadSteps.ChangedFiles(this));
    m.put(GitSteps.REVERT_STATUS, new ReadSteps.RevertStatus(this));
    m.put(GitSteps.RESOLVE, new ReadSteps.Resolve(this));
    m.put(GitSteps.CREATE_BRANCH, new BranchSteps.CreateBranch(this));
    m.put(GitSteps.CHECKOUT, new BranchSteps.Checkout(this));
    m.put(GitSteps.REVERT, new PickStep(this, Picks.Op.REVERT));
    m.put(GitSteps.CHERRY_PICK, new PickStep(this, Picks.Op.CHERRY_PICK));
    m.put(GitSteps.RESTORE, new RestoreStep(this));
    m.put(GitSteps.COMMIT, new CommitStep(this));
    m.put(GitSteps.TAG, new TagStep(this));
    m.put(GitSteps.PUSH, new PushStep(this));
    m.put(GitSteps.FETCH, new FetchStep(this));
    m.put(GitBisect.BISECT, new BisectHandlers.Step(this));
    m.put(Culprits.REVERT, new CulpritHandlers.Revert(this));
    return m;
  }

  /**
   * The check evaluators by kind.
   *
   * @return the evaluators
   */
  public Map<String, CheckEvaluator> checks() {
    Map<String, CheckEvaluator> m = new LinkedHashMap<>();
    m.put(GitChecks.FIND_COMMIT, new GitCheckEvaluators.FindCommit(this));
    m.put(GitChecks.FIND_COMMITS, new GitCheckEvaluators.FindCommit(this));
    m.put(GitChecks.RESOLVE, new GitCheckEvaluators.Resolve(this));
    m.put(GitChecks.NOT_REVERTED, new GitCheckEvaluators.Reverted(this, false));
    m.put(GitChecks.REVERTED, new GitCheckEvaluators.Reverted(this, true));
    m.put(GitChecks.CLEAN_WORK_TREE, new GitCheckEvaluators.CleanWorkTree(this));
    m.put(GitBisect.BISECT, new BisectHandlers.Check(this));
    m.put(Culprits.GUARDRAILS, new CulpritHandlers.Guardrails(this));
    m.put(Culprits.PROBE_PASSES, new CulpritHandlers.ProbePasses(this));
    return m;
  }

  /**
   * The signal sources by kind.
   *
   * @return the sources
   */
  public Map<String, SignalSource> signals() {
    Map<String, SignalSource> m = new LinkedHashMap<>();
    m.put(GitSignals.COMMITS_SINCE, new GitSignalSources.CommitsSince(this));
    m.put(GitSignals.COMMIT_AGE, new GitSignalSources.CommitAge(this));
    m.put(GitSignals.LAST_MATCH_AGE, new GitSignalSources.LastMatchAge(this));
    return m;
  }

  /**
   * Pins the remote values the plan's leased pushes will expect, then refuses a HEAD on which the plan's work would
   * be lost (detached, or on another branch than the one pushed).
   *
   * @param run the run
   * @throws Exception when HEAD would lose the work ({@link dev.rollback.git.GitException}), or a remote cannot be
   *     read
   */
  public void onRunStart(RunContext run) throws Exception {
    scanned.remove(run.runId());
    scanned.remove(run.runId() + "#preview");
    Leases.pin(this, run);
    HeadCheck.check(this, run);
  }

  /**
   * Refuses a dirty work tree and backs up every ref.
   *
   * @param run the run
   * @throws Exception when the work tree is dirty or the backup fails
   */
  public void beforeFirstMutation(RunContext run) throws Exception {
    Safety.backup(this, run);
  }

  /**
   * Recovers what Git work an interruption cut off left half-done: stale locks, half-written files of the work tree
   * and their index entries.
   *
   * @param run the run
   * @param cutOff the work that was cut off
   * @return what was recovered, or what blocks the run
   * @throws java.io.IOException when the repository cannot be read
   */
  public dev.rollback.spi.Recovery recover(RunContext run, dev.rollback.spi.Interruption cutOff)
      throws java.io.IOException {
    return Interrupted.recover(this, run, cutOff);
  }

  /**
   * The repository's run lock: {@code rollback/lock} in its (common) Git directory, which every run on the
   * repository finds, whatever its workspace.
   *
   * @return the lock file
   */
  public java.nio.file.Path runLock() {
    java.nio.file.Path dir = repo.dir();
    java.nio.file.Path dotGit = dir.resolve(org.eclipse.jgit.lib.Constants.DOT_GIT);
    java.nio.file.Path common = repo.isBare() ? dir : java.nio.file.Files.isDirectory(dotGit) ? dotGit
        : repo.repository().getCommonDirectory().toPath();
    return common.resolve("rollback").resolve("lock");
  }

  /**
   * Forgets the preview state and audits reachability.
   *
   * @param run the run
   * @return the audit
   * @throws Exception when the audit cannot be made
   */
  public Optional<Audit> onRunEnd(RunContext run) throws Exception {
    scanned.remove(run.runId());
    scanned.remove(run.runId() + "#preview");
    Virtual v = previews.remove(run.runId());
    if (v != null) {
      v.close();
    }
    return Optional.of(Safety.audit(this, run));
  }

  @Override
  public void close() {
    previews.values().forEach(Virtual::close);
    previews.clear();
    repo.close();
  }
}
