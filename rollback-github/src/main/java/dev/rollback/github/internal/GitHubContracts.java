package dev.rollback.github.internal;

import dev.rollback.Branch;
import dev.rollback.Text;
import dev.rollback.github.GitHubSteps;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.Contract;
import dev.rollback.spi.Param;
import dev.rollback.spi.ParamException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contracts of the GitHub step kinds: each kind's parameters, by the name they have in a plan, read by this
 * package's handlers through the same constants. Run filters ({@code RunFilter}) keep their own parameters.
 */
public final class GitHubContracts {

  /** A workflow run's id, or an earlier output holding one. */
  public static final Param<Long, Long> RUN = Param.number("run");
  /** An issue's or pull request's number, or an earlier output holding one. */
  public static final Param<Long, Long> ISSUE = Param.number("issue");
  /** A workflow's file name or id. */
  public static final Param<String, String> WORKFLOW = Param.string("workflow");
  /** The branch or tag a dispatch runs on. */
  public static final Param<Branch, String> REF = Param.branch("ref");
  /** A dispatch's inputs, as the plan holds them, resolved. */
  public static final Param<Map<String, ?>, Map<String, Object>> INPUTS = Param.of("inputs", v -> v,
      GitHubContracts::inputs, GitHubContracts::inputs);
  /** The input a dispatch sets to find the run it started. */
  public static final Param<String, String> CORRELATION_INPUT = Param.string("correlationInput");
  /** How long a dispatch looks for the run it started. */
  public static final Param<Duration, Duration> LOOKUP = Param.duration("lookup");
  /** How long an await waits. */
  public static final Param<Duration, Duration> TIMEOUT = Param.duration("timeout");
  /** How long an await waits between polls. */
  public static final Param<Duration, Duration> INTERVAL = Param.duration("interval");
  /** Whether an await fails unless the run succeeds; true when absent. */
  public static final Param<Boolean, Boolean> REQUIRE_SUCCESS = Param.flag("requireSuccess");
  /** How long a cancel waits for the cancelled runs to complete. */
  public static final Param<Duration, Duration> CONFIRM_WITHIN = Param.duration("confirmWithin");
  /** An issue's or pull request's title. */
  public static final Param<String, String> TITLE = Param.string("title");
  /** An issue's, comment's or pull request's body. */
  public static final Param<Text, String> BODY = Param.text("body");
  /** An issue's labels. */
  public static final Param<List<String>, List<String>> LABELS = Param.strings("labels");
  /** A pull request's branch with the changes. */
  public static final Param<Branch, String> HEAD = Param.branch("head");
  /** A pull request's branch to merge into. */
  public static final Param<Branch, String> BASE = Param.branch("base");
  /** Whether a pull request is opened as a draft. */
  public static final Param<Boolean, Boolean> DRAFT = Param.flag("draft");

  /** Re-run a workflow run. */
  public static final Contract RERUN = Contract.of(GitHubSteps.RERUN, RUN);
  /** Dispatch a workflow. */
  public static final Contract DISPATCH = Contract.of(GitHubSteps.DISPATCH, WORKFLOW, REF, INPUTS, CORRELATION_INPUT,
      LOOKUP, INTERVAL);
  /** Await a run. */
  public static final Contract AWAIT_RUN = Contract.of(GitHubSteps.AWAIT_RUN, RUN, TIMEOUT, INTERVAL,
      REQUIRE_SUCCESS);
  /** Open an issue. */
  public static final Contract OPEN_ISSUE = Contract.of(GitHubSteps.OPEN_ISSUE, TITLE, BODY, LABELS);
  /** Comment on an issue or pull request. */
  public static final Contract COMMENT = Contract.of(GitHubSteps.COMMENT, ISSUE, BODY);
  /** Open a pull request. */
  public static final Contract OPEN_PULL_REQUEST = Contract.of(GitHubSteps.OPEN_PULL_REQUEST, HEAD, BASE, TITLE, BODY,
      DRAFT);

  private GitHubContracts() {}

  /**
   * An issue's or pull request's number in a call.
   *
   * @param ctx the call
   * @return the number
   * @throws ParamException when it is missing, not known yet, or not a number GitHub could have given
   */
  public static int issue(CallContext ctx) {
    long v = ISSUE.read(ctx);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new ParamException("parameter 'issue' must be an issue or pull request number, was " + v);
    }
    return (int) v;
  }

  private static Map<String, Object> inputs(Object v) {
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("must be a map of inputs, was " + v.getClass().getSimpleName());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), x));
    return Collections.unmodifiableMap(out);
  }
}
