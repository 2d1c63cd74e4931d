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
  /** The kind of {@link #suspects}. */
  public static final String SUSPECTS = "github.suspects";
  /** The kind of {@link #stillRed}. */
  public static final String STILL_RED = "github.stillRed";

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

  /**
   * Identifies the suspects of a failure from CI history: the commit of the newest successful run (the green end)
   * and the commit of the first failed run after it (the red end). Its value is {@code green..red}, the range a
   * bisection takes ({@code GitBisect.range(ref("suspects"))} in rollback-git); the evidence names both runs. Fails
   * when no run succeeded among the newest 300, or none failed after the newest success.
   *
   * <pre>{@code
   * .checklist(GitHubChecks.suspects(workflow("ci.yml").onBranch("main")).as("suspects"))
   * }</pre>
   *
   * @param runs which runs
   * @return the check
   */
  public static Check suspects(RunFilter runs) {
    return Check.of(SUSPECTS, "identify the suspects between the last green and the first red CI run ("
        + runs.describe() + ")", Objects.requireNonNull(runs, "runs").toParams());
  }

  /**
   * A guardrail for automatic reverts: passes while the newest run with a verdict did not succeed, fails with
   * "CI is green again" once it did (later commits recovered: no revert). Unknown while no run has a verdict.
   *
   * @param runs which runs
   * @return the check
   */
  public static Check stillRed(RunFilter runs) {
    return Check.of(STILL_RED, "CI (" + runs.describe() + ") is still red", Objects.requireNonNull(runs, "runs")
        .toParams());
  }
}
