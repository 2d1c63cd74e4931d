package dev.rollback.github;

import dev.rollback.Check;
import java.util.Objects;

/**
 * Checks about GitHub Actions runs, for readiness checklists and verification.
 *
 * <pre>{@code
 * GitHubChecks.lastSuccessfulCommit(workflow("ci.yml").onBranch("main")).as("lastGreen")   // a rollback target
 * GitHubChecks.ciPassing(workflow("ci.yml").onBranch("main"))
 * }</pre>
 */
public final class GitHubChecks {

  /** The kind of {@link #lastSuccessfulCommit}. */
  public static final String LAST_SUCCESSFUL_COMMIT = "github.lastSuccessfulCommit";
  /** The kind of {@link #ciPassing}. */
  public static final String CI_PASSING = "github.ciPassing";
  /** The kind of {@link #noRunsInProgress}. */
  public static final String NO_RUNS_IN_PROGRESS = "github.noRunsInProgress";

  private GitHubChecks() {}

  /**
   * Identifies the commit of the newest run that succeeded, a rollback target; its value (bind it with
   * {@code .as("lastGreen")}) is the commit id. Looks through the newest 100 runs, and 300 when none of those
   * succeeded; fails when none did.
   *
   * @param runs which runs
   * @return the check
   */
  public static Check lastSuccessfulCommit(RunFilter runs) {
    return Check.of(LAST_SUCCESSFUL_COMMIT, "identify the last commit whose CI (" + runs.describe() + ") succeeded",
        Objects.requireNonNull(runs, "runs").toParams());
  }

  /**
   * The newest run with a verdict succeeded; unknown while no run has one. Its value is that run's conclusion.
   *
   * @param runs which runs
   * @return the check
   */
  public static Check ciPassing(RunFilter runs) {
    return Check.of(CI_PASSING, "CI (" + runs.describe() + ") passes", Objects.requireNonNull(runs, "runs")
        .toParams());
  }

  /**
   * None of the newest 100 runs is queued, waiting or in progress.
   *
   * @param runs which runs
   * @return the check
   */
  public static Check noRunsInProgress(RunFilter runs) {
    return Check.of(NO_RUNS_IN_PROGRESS, "no CI run (" + runs.describe() + ") in progress",
        Objects.requireNonNull(runs, "runs").toParams());
  }
}
