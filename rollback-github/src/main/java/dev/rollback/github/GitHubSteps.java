package dev.rollback.github;

import dev.rollback.Branch;
import dev.rollback.Effect;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.Text;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Steps on GitHub: cancel, re-run, dispatch and await workflow runs; open issues, comment, open pull requests.
 *
 * <pre>{@code
 * GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main"))                     // the emergency stop
 * GitHubSteps.dispatch("ci.yml", "main").as("ciRun")                              // after the rollback
 * GitHubSteps.awaitRun(ref("ciRun"), Duration.ofMinutes(20))                      // fails unless it succeeds
 * GitHubSteps.openPullRequest(ref("rollbackBranch"), "main", "Roll back P3-007", template("Reverts {{culprit}}"))
 * }</pre>
 *
 * <p>Effects, which decide approvals:
 * <ul>
 *   <li>{@link #cancelRuns} is {@link Effect#IRREVERSIBLE}: a cancelled run cannot be resumed;</li>
 *   <li>{@link #dispatch} and {@link #rerun} are {@link Effect#REVERSIBLE}: they start CI, which changes no code,
 *       and compensation cancels the run they started while it still runs;</li>
 *   <li>{@link #openIssue}, {@link #comment} and {@link #openPullRequest} are {@link Effect#REVERSIBLE} without
 *       compensation: they add visible records and change neither code nor CI, so they need no approval, but the
 *       adapter does not delete them (a person closes or hides them);</li>
 *   <li>{@link #awaitRun} is {@link Effect#READ_ONLY}, and a preview does not wait.</li>
 * </ul>
 * Each step probes on resume whether it took effect before a crash: no matching run in progress; the dispatched run
 * exists (by correlation); the run's attempt grew; a post with the step's hidden marker exists; a pull request
 * between the branches is open.
 */
public final class GitHubSteps {

  /** The kind of {@link #cancelRuns}. */
  public static final String CANCEL_RUNS = "github.cancelRuns";
  /** The kind of {@link #rerun}. */
  public static final String RERUN = "github.rerun";
  /** The kind of {@link #dispatch}. */
  public static final String DISPATCH = "github.dispatch";
  /** The kind of {@link #awaitRun}. */
  public static final String AWAIT_RUN = "github.awaitRun";
  /** The kind of {@link #openIssue}. */
  public static final String OPEN_ISSUE = "github.openIssue";
  /** The kind of {@link #comment}. */
  public static final String COMMENT = "github.comment";
  /** The kind of {@link #openPullRequest}. */
  public static final String OPEN_PULL_REQUEST = "github.openPullRequest";

  private GitHubSteps() {}

  /**
   * Cancels every run matching the filter that has not completed (queued, waiting or in progress among the newest
   * 100). A run that completes before its cancel arrives is reported, not an error. The step's value is the list of
   * cancelled run ids; {@code .alreadyFinished} lists the others.
   *
   * @param runs which runs, such as {@code workflow("ci.yml").onBranch("main")}
   * @return the step
   */
  public static Step cancelRuns(RunFilter runs) {
    Objects.requireNonNull(runs, "runs");
    return Step.of(CANCEL_RUNS, "cancel CI runs of " + runs.describe(), Effect.IRREVERSIBLE, runs.toParams());
  }

  /**
   * Cancels every run matching the filter that has not completed, then waits until GitHub shows them completed:
   * GitHub accepts a cancel at once (202) and stops the run's jobs within seconds, so a validation right after the
   * step could still see them running. Polls with conditional requests; fails if a run still runs after the time
   * given.
   *
   * @param runs which runs
   * @param confirmWithin how long to wait for the cancels to take effect
   * @return the step
   * @throws IllegalArgumentException if the time is not positive
   */
  public static Step cancelRuns(RunFilter runs, Duration confirmWithin) {
    requirePositive(confirmWithin, "confirmWithin");
    return cancelRuns(runs).with("confirmWithin", confirmWithin);
  }

  /**
   * Re-runs a completed run: GitHub keeps its id and adds an attempt. The step's value is the run's id.
   *
   * @param run the run's id (a number) or a reference to an output holding it
   * @return the step
   * @throws IllegalArgumentException if {@code run} is neither
   */
  public static Step rerun(long run) {
    return rerunStep(run);
  }

  /**
   * {@link #rerun(long)} of the run an earlier step's output names, such as a dispatch's.
   *
   * @param run the output holding the run's id
   * @return the step
   */
  public static Step rerun(Ref run) {
    return rerunStep(run);
  }

  private static Step rerunStep(Object run) {
    return Step.of(RERUN, "re-run run " + show(run), Effect.REVERSIBLE, Map.of("run", runArg(run)));
  }

  /**
   * Dispatches a workflow on a branch or tag and finds the run it created. The step's value is the run's id
   * (bind it with {@code .as("ciRun")} for {@link #awaitRun}); {@code .url} is its page.
   *
   * @param workflow the workflow's file name or id; it must have a {@code workflow_dispatch} trigger
   * @param ref a branch or tag name, or a reference to an output holding one
   * @return the step
   */
  public static Step dispatch(String workflow, Branch ref) {
    return dispatch(workflow, ref, Map.of());
  }

  /**
   * {@link #dispatch(String, Branch)} on a branch or tag named as text.
   *
   * @param workflow the workflow file's name, such as {@code ci.yml}
   * @param ref the branch or tag to run on
   * @return the step
   */
  public static Step dispatch(String workflow, String ref) {
    return dispatch(workflow, branchOf(ref, "ref"));
  }

  /**
   * Dispatches a workflow with inputs.
   *
   * @param workflow the workflow's file name or id
   * @param ref a branch or tag name, or a reference
   * @param inputs the inputs the workflow declares (at most 25), text values or references
   * @return the step
   * @throws IllegalArgumentException if there are more than 25 inputs
   */
  public static Step dispatch(String workflow, Branch ref, Map<String, ?> inputs) {
    RunFilter.checkWorkflow(workflow);
    if (inputs.size() > 25) {
      throw new IllegalArgumentException("GitHub takes at most 25 inputs for a dispatch, got " + inputs.size());
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("workflow", workflow);
    p.put("ref", refArg(ref, "ref"));
    if (!inputs.isEmpty()) {
      p.put("inputs", new LinkedHashMap<>(inputs));
    }
    return Step.of(DISPATCH, "dispatch " + workflow + " on " + show(ref), Effect.REVERSIBLE, p);
  }

  /**
   * {@link #dispatch(String, Branch, Map)} on a branch or tag named as text.
   *
   * @param workflow the workflow's file name or id
   * @param ref a branch or tag name
   * @param inputs the inputs the workflow declares (at most 25)
   * @return the step
   */
  public static Step dispatch(String workflow, String ref, Map<String, ?> inputs) {
    return dispatch(workflow, branchOf(ref, "ref"), inputs);
  }

  /**
   * {@link #dispatch(String, Branch, Map, String)} on a branch or tag named as text.
   *
   * @param workflow the workflow file's name
   * @param ref the branch or tag to run on
   * @param inputs the workflow's inputs
   * @param correlationInput the input the adapter sets to find the run it started
   * @return the step
   */
  public static Step dispatch(String workflow, String ref, Map<String, ?> inputs, String correlationInput) {
    return dispatch(workflow, branchOf(ref, "ref"), inputs, correlationInput);
  }

  /**
   * Dispatches a workflow with a correlation input: the adapter sends a unique value in that input, and finds the
   * run whose name shows it. The workflow declares the input and puts it in its {@code run-name}, for example
   * {@code run-name: "CI ${{ inputs.rollback_id }}"}. Without it, the run is found by workflow, branch, event and
   * creation time, which two people dispatching the same workflow on the same branch within seconds can confuse.
   *
   * @param workflow the workflow's file name or id
   * @param ref a branch or tag name, or a reference
   * @param inputs the other inputs
   * @param correlationInput the name of the input the workflow echoes in its run name
   * @return the step
   */
  public static Step dispatch(String workflow, Branch ref, Map<String, ?> inputs, String correlationInput) {
    Objects.requireNonNull(correlationInput, "correlationInput");
    if (inputs.containsKey(correlationInput)) {
      throw new IllegalArgumentException("the correlation input '" + correlationInput + "' is set by the adapter;"
          + " do not pass it among the inputs");
    }
    if (inputs.size() > 24) {
      throw new IllegalArgumentException("GitHub takes at most 25 inputs for a dispatch, the correlation input"
          + " included; got " + (inputs.size() + 1));
    }
    return dispatch(workflow, ref, inputs).with("correlationInput", correlationInput);
  }

  /**
   * Waits for a run to conclude, and fails unless it succeeded. Polls every 15 seconds (the adapter's interval)
   * with conditional requests, never past the timeout or the run's deadline. The step's value is the conclusion.
   *
   * @param run the run's id or a reference to an output holding it (a {@link #dispatch}'s)
   * @param timeout the longest wait
   * @return the step
   */
  public static Step awaitRun(long run, Duration timeout) {
    return awaitStep(run, timeout);
  }

  /**
   * {@link #awaitRun(long, Duration)} of the run an earlier step's output names, such as a dispatch's.
   *
   * @param run the output holding the run's id
   * @param timeout how long to wait for it to complete
   * @return the step
   */
  public static Step awaitRun(Ref run, Duration timeout) {
    return awaitStep(run, timeout);
  }

  private static Step awaitStep(Object run, Duration timeout) {
    requirePositive(timeout, "timeout");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run", runArg(run));
    p.put("timeout", timeout);
    return Step.of(AWAIT_RUN, "await run " + show(run), Effect.READ_ONLY, p).timeout(timeout.plusSeconds(30));
  }

  /**
   * Waits for a run to conclude, polling at the given interval, and fails unless it succeeded.
   *
   * @param run the run's id or a reference
   * @param timeout the longest wait
   * @param interval the time between polls
   * @return the step
   */
  public static Step awaitRun(long run, Duration timeout, Duration interval) {
    requirePositive(interval, "interval");
    return awaitStep(run, timeout).with("interval", interval);
  }

  /**
   * {@link #awaitRun(long, Duration, Duration)} of the run an earlier step's output names.
   *
   * @param run the output holding the run's id
   * @param timeout how long to wait for it to complete
   * @param interval how long to wait between polls
   * @return the step
   */
  public static Step awaitRun(Ref run, Duration timeout, Duration interval) {
    requirePositive(interval, "interval");
    return awaitStep(run, timeout).with("interval", interval);
  }

  /**
   * Waits for a run to conclude, whatever its conclusion, which is the step's value.
   *
   * @param run the run's id or a reference
   * @param timeout the longest wait
   * @return the step
   */
  public static Step awaitConclusion(long run, Duration timeout) {
    return conclusionStep(run, timeout);
  }

  /**
   * {@link #awaitConclusion(long, Duration)} of the run an earlier step's output names.
   *
   * @param run the output holding the run's id
   * @param timeout how long to wait for it to complete
   * @return the step
   */
  public static Step awaitConclusion(Ref run, Duration timeout) {
    return conclusionStep(run, timeout);
  }

  private static Step conclusionStep(Object run, Duration timeout) {
    return awaitStep(run, timeout).with("requireSuccess", false).named("await the conclusion of run " + show(run));
  }

  /**
   * Opens an issue. The step's value is its number; {@code .url} its page.
   *
   * @param title the title
   * @param body the body: text or a {@link Template} filled from the run's outputs
   * @param labels labels to put on it
   * @return the step
   */
  public static Step openIssue(String title, String body, String... labels) {
    return openIssue(title, Text.of(Objects.requireNonNull(body, "body")), labels);
  }

  /**
   * Opens an issue whose body is a {@link Template} filled when the step runs, or an earlier output.
   *
   * @param title the issue's title
   * @param body the body
   * @param labels labels to add
   * @return the step
   */
  public static Step openIssue(String title, Text body, String... labels) {
    Objects.requireNonNull(title, "title");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("title", title);
    p.put("body", textArg(body, "body"));
    if (labels.length > 0) {
      p.put("labels", List.copyOf(Arrays.asList(labels)));
    }
    return Step.of(OPEN_ISSUE, "open issue '" + title + "'", Effect.REVERSIBLE, p);
  }

  /**
   * Comments on an issue or pull request. The step's value is the comment's page.
   *
   * @param issue the number, or a reference to an output holding it (an {@link #openIssue}'s)
   * @param body the text or a {@link Template}
   * @return the step
   */
  public static Step comment(long issue, String body) {
    return commentStep(issue, Text.of(Objects.requireNonNull(body, "body")));
  }

  /**
   * {@link #comment(long, String)} with a body filled when the step runs.
   *
   * @param issue the issue's or pull request's number
   * @param body the comment: a {@link Template} or an earlier output
   * @return the step
   */
  public static Step comment(long issue, Text body) {
    return commentStep(issue, body);
  }

  /**
   * {@link #comment(long, String)} on the issue an earlier step's output names, such as an opened issue's.
   *
   * @param issue the output holding the issue's number
   * @param body the comment
   * @return the step
   */
  public static Step comment(Ref issue, String body) {
    return commentStep(issue, Text.of(Objects.requireNonNull(body, "body")));
  }

  /**
   * {@link #comment(long, String)} on the issue an earlier step's output names, with a body filled when the step
   * runs.
   *
   * @param issue the output holding the issue's number
   * @param body the comment: a {@link Template} or an earlier output
   * @return the step
   */
  public static Step comment(Ref issue, Text body) {
    return commentStep(issue, body);
  }

  private static Step commentStep(Object issue, Text body) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("issue", runArg(issue));
    p.put("body", textArg(body, "body"));
    return Step.of(COMMENT, "comment on #" + show(issue), Effect.REVERSIBLE, p);
  }

  /**
   * Opens a pull request from the rollback branch, for teams that do not push to the main branch. An open pull
   * request between the same branches is reused. The step's value is its number; {@code .url} its page.
   *
   * @param head the branch with the rollback, or a reference to the output holding it
   * @param base the branch to merge into, such as {@code main}
   * @param title the title
   * @param body the text or a {@link Template}
   * @return the step
   */
  public static Step openPullRequest(Branch head, String base, String title, String body) {
    return openPullRequest(head, branchOf(base, "base"), title, Text.of(Objects.requireNonNull(body, "body")));
  }

  /**
   * {@link #openPullRequest(Branch, Branch, String, Text)} into a base named as text.
   *
   * @param head the branch with the changes
   * @param base the branch to merge into
   * @param title the title
   * @param body the description: a {@link Template} or an earlier output
   * @return the step
   */
  public static Step openPullRequest(Branch head, String base, String title, Text body) {
    return openPullRequest(head, branchOf(base, "base"), title, body);
  }

  /**
   * {@link #openPullRequest(Branch, Branch, String, Text)} with a description given as text.
   *
   * @param head the branch with the changes
   * @param base the branch to merge into
   * @param title the title
   * @param body the description
   * @return the step
   */
  public static Step openPullRequest(Branch head, Branch base, String title, String body) {
    return openPullRequest(head, base, title, Text.of(Objects.requireNonNull(body, "body")));
  }

  /**
   * Opens a pull request.
   *
   * @param head the branch with the changes: a {@link RefName} or an earlier output
   * @param base the branch to merge into
   * @param title the title
   * @param body the description: text, a {@link Template} or an earlier output
   * @return the step
   */
  public static Step openPullRequest(Branch head, Branch base, String title, Text body) {
    Objects.requireNonNull(title, "title");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("head", refArg(head, "head"));
    p.put("base", refArg(base, "base"));
    p.put("title", title);
    p.put("body", textArg(body, "body"));
    return Step.of(OPEN_PULL_REQUEST, "open a pull request from " + show(head) + " to " + show(base),
        Effect.REVERSIBLE, p);
  }

  private static RefName branchOf(String name, String what) {
    return new RefName(Objects.requireNonNull(name, what));
  }

  private static Object runArg(Object v) {
    Objects.requireNonNull(v, "run");
    if (v instanceof Ref || v instanceof Long || v instanceof Integer) {
      return v;
    }
    throw new IllegalArgumentException("a run or issue is a number or a reference to an earlier output, was "
        + v.getClass().getSimpleName() + " '" + v + "'");
  }

  private static Object refArg(Object v, String what) {
    Objects.requireNonNull(v, what);
    if (v instanceof Ref || v instanceof RefName) {
      return v;
    }
    if (v instanceof String) {
      return new RefName((String) v);
    }
    throw new IllegalArgumentException(what + " is a branch or tag name or a reference to an earlier output, was "
        + v.getClass().getSimpleName() + " '" + v + "'");
  }

  private static Object textArg(Object v, String what) {
    Objects.requireNonNull(v, what);
    if (v instanceof Text.Literal) {
      return ((Text.Literal) v).text();
    }
    if (v instanceof String || v instanceof Template || v instanceof Ref) {
      return v;
    }
    throw new IllegalArgumentException(what + " is text, a template or a reference, was "
        + v.getClass().getSimpleName());
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
  }

  private static String show(Object v) {
    return v instanceof RefName ? ((RefName) v).name() : String.valueOf(v);
  }
}
