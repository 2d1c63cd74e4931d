package dev.rollback.github;

import dev.rollback.Ref;
import dev.rollback.RefName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which workflow runs a signal, check or step is about: those of one workflow, on one branch, for one event, or any
 * combination; all runs of the repository when nothing is set.
 *
 * <pre>{@code
 * RunFilter.workflow("ci.yml").onBranch("main")
 * RunFilter.workflow("ci.yml").onBranch(Rollback.ref("rollbackBranch")).forEvent("workflow_dispatch")
 * }</pre>
 */
public final class RunFilter {

  private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9._-]+\\.ya?ml|[0-9]+");
  private static final Pattern EVENT = Pattern.compile("[a-z_]+");

  private final String workflow;
  private final Object branch;
  private final String event;

  private RunFilter(String workflow, Object branch, String event) {
    this.workflow = workflow;
    this.branch = branch;
    this.event = event;
  }

  /**
   * Every run of the repository.
   *
   * @return the filter
   */
  public static RunFilter all() {
    return new RunFilter(null, null, null);
  }

  /**
   * The runs of one workflow.
   *
   * @param workflow the workflow's file name under {@code .github/workflows} (such as {@code ci.yml}) or its id
   * @return the filter
   * @throws IllegalArgumentException if the name is neither a {@code .yml}/{@code .yaml} file name nor an id
   */
  public static RunFilter workflow(String workflow) {
    return new RunFilter(checkWorkflow(workflow), null, null);
  }

  static String checkWorkflow(String workflow) {
    Objects.requireNonNull(workflow, "workflow");
    if (!WORKFLOW.matcher(workflow).matches()) {
      throw new IllegalArgumentException("a workflow is its file name under .github/workflows (such as ci.yml) or its"
          + " numeric id, was '" + workflow + "'");
    }
    return workflow;
  }

  /**
   * The same filter, only runs on a branch.
   *
   * @param branch the branch name, validated as Git does by {@code plan.check()}
   * @return the new filter
   */
  public RunFilter onBranch(String branch) {
    return new RunFilter(workflow, new RefName(Objects.requireNonNull(branch, "branch")), event);
  }

  /**
   * The same filter, only runs on a branch an earlier step names (such as the rollback branch it created).
   *
   * @param branch a reference to the output holding the branch name
   * @return the new filter
   */
  public RunFilter onBranch(Ref branch) {
    return new RunFilter(workflow, Objects.requireNonNull(branch, "branch"), event);
  }

  /**
   * The same filter, only runs triggered by an event.
   *
   * @param event GitHub's event name, such as {@code push}, {@code pull_request}, {@code workflow_dispatch}
   * @return the new filter
   * @throws IllegalArgumentException if the name is not an event name
   */
  public RunFilter forEvent(String event) {
    Objects.requireNonNull(event, "event");
    if (!EVENT.matcher(event).matches()) {
      throw new IllegalArgumentException("a GitHub event name is lower case with underscores (such as push), was '"
          + event + "'");
    }
    return new RunFilter(workflow, branch, event);
  }

  /**
   * The workflow.
   *
   * @return the workflow's file name or id, when filtered
   */
  public Optional<String> workflow() {
    return Optional.ofNullable(workflow);
  }

  /**
   * The branch: a {@link RefName} or a {@link Ref}.
   *
   * @return the branch, when filtered
   */
  public Optional<Object> branch() {
    return Optional.ofNullable(branch);
  }

  /**
   * The event.
   *
   * @return the event, when filtered
   */
  public Optional<String> event() {
    return Optional.ofNullable(event);
  }

  /**
   * The filter as the parameters of a step, check or signal: {@code workflow}, {@code branch}, {@code event}.
   *
   * @return the parameters that are set
   */
  public Map<String, Object> toParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (workflow != null) {
      p.put("workflow", workflow);
    }
    if (branch != null) {
      p.put("branch", branch);
    }
    if (event != null) {
      p.put("event", event);
    }
    return p;
  }

  /**
   * The filter in words: {@code ci.yml on main}.
   *
   * @return the description
   */
  public String describe() {
    StringBuilder b = new StringBuilder(workflow == null ? "all workflows" : workflow);
    if (branch != null) {
      b.append(" on ").append(branch instanceof RefName ? ((RefName) branch).name() : branch.toString());
    }
    if (event != null) {
      b.append(" (").append(event).append(')');
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunFilter && toParams().equals(((RunFilter) o).toParams());
  }

  @Override
  public int hashCode() {
    return toParams().hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
