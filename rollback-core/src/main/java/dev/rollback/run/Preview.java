package dev.rollback.run;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.internal.report.ReportJson;
import dev.rollback.internal.report.ReportMarkdown;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.report.RollbackReport.MeasurementReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dry run, as a value: what the run would decide and do, with nothing changed.
 *
 * <p>A preview measures the signals and decides the severity for real, evaluates the readiness checklist (checks
 * only observe; a person's confirmation is not asked but listed), applies {@link Effect#READ_ONLY} steps for real
 * (it finds the real culprit commit), and describes every other step through its adapter's preview, with the
 * references resolved as far as they are known. Phase validations, verification and health checks are listed,
 * not evaluated: they verify the state the steps leave, which a preview does not create. It never calls an
 * adapter's {@code apply} on a changing step, {@code compensate} or {@code beforeFirstMutation}, writes no journal
 * and takes no lock.
 *
 * <pre>{@code
 * Preview preview = executor.preview(plan);
 * Files.writeString(Path.of("preview.md"), preview.toMarkdown());
 * if (!preview.problems().isEmpty()) { ... }
 * }</pre>
 *
 * @param planName the plan's name
 * @param planHash the plan's hash
 * @param at when the preview was made
 * @param decision what the run would decide
 * @param snapshot the signals measured
 * @param approvals the approvals the run would ask for, in words
 * @param checklist the readiness checklist's results
 * @param procedure the procedure that would run
 * @param phases the procedure's phases with each step described
 * @param verification the post-rollback validations and health checks the run would evaluate
 * @param notifications the messages the run would send, with their channels
 * @param problems what would stop or hamper the run: a step that would fail, a secret not set, a channel with no
 *     notifier, a checklist item that does not pass
 */
public record Preview(String planName, String planHash, Instant at, Optional<DecisionReport> decision,
    List<MeasurementReport> snapshot, List<String> approvals, List<CheckReport> checklist,
    Optional<String> procedure, List<PlannedPhase> phases, List<String> verification, List<String> notifications,
    List<String> problems) {

  /**
   * Creates a preview; lists are copied.
   *
   * @param planName the plan's name
   * @param planHash the plan's hash
   * @param at when
   * @param decision the decision
   * @param snapshot the measurements
   * @param approvals the approvals needed
   * @param checklist the checklist's results
   * @param procedure the procedure
   * @param phases the phases
   * @param verification the verification checks
   * @param notifications the messages
   * @param problems the problems
   * @throws NullPointerException if an argument is null
   */
  public Preview {
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(planHash, "planHash");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(decision, "decision");
    snapshot = List.copyOf(snapshot);
    approvals = List.copyOf(approvals);
    checklist = List.copyOf(checklist);
    Objects.requireNonNull(procedure, "procedure");
    phases = List.copyOf(phases);
    verification = List.copyOf(verification);
    notifications = List.copyOf(notifications);
    problems = List.copyOf(problems);
  }

  /**
   * Every step of every phase, in order.
   *
   * @return the steps
   */
  public List<PlannedStep> steps() {
    return phases.stream().flatMap(p -> p.steps().stream()).collect(Collectors.toList());
  }

  /**
   * The first step with this name.
   *
   * @param name the step's name
   * @return the step, when the procedure has it
   */
  public Optional<PlannedStep> step(String name) {
    return steps().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The preview as Markdown: the decision, the approvals needed, the checklist, each phase's steps as they would
   * run, and the problems.
   *
   * @return the Markdown text, ending with a newline
   */
  public String toMarkdown() {
    return ReportMarkdown.preview(this);
  }

  /**
   * The preview as JSON, every field in a fixed order.
   *
   * @return the JSON text, indented
   */
  public String toJson() {
    return ReportJson.json(this);
  }

  @Override
  public String toString() {
    return "Preview[" + planName + ": " + procedure.orElse("no rollback") + ", " + steps().size() + " steps, "
        + problems.size() + " problems]";
  }

  /**
   * A phase as it would run.
   *
   * @param name the phase's name
   * @param onFailure its failure policy
   * @param steps its steps, described
   * @param validations the validations that would gate it, in words
   */
  public record PlannedPhase(String name, FailurePolicy onFailure, List<PlannedStep> steps,
      List<String> validations) {

    /**
     * Creates the value.
     *
     * @param name the name
     * @param onFailure the policy
     * @param steps the steps
     * @param validations the validations
     */
    public PlannedPhase {
      steps = List.copyOf(steps);
      validations = List.copyOf(validations);
    }
  }

  /**
   * A step as it would run.
   *
   * @param name the step's name
   * @param kind its kind
   * @param effect its effect
   * @param applied whether the preview applied it for real (a read-only step)
   * @param summary what it would do, or what it did when applied
   * @param params its parameters, references resolved where known, secrets named and never shown
   * @param details what the adapter computed without side effects
   * @param warnings what a person should know before it runs
   * @param failure why it would fail, when the adapter can tell
   * @param value its main output, when applied
   * @param outputs its further outputs, when applied
   * @param approval the approval it waits for, in words, when it needs one
   */
  public record PlannedStep(String name, String kind, Effect effect, boolean applied, String summary,
      Map<String, Object> params, Map<String, Object> details, List<String> warnings, Optional<String> failure,
      Optional<Object> value, Map<String, Object> outputs, Optional<String> approval) {

    /**
     * Creates the value.
     *
     * @param name the name
     * @param kind the kind
     * @param effect the effect
     * @param applied whether applied for real
     * @param summary the summary
     * @param params the parameters
     * @param details the details
     * @param warnings the warnings
     * @param failure why it would fail
     * @param value the main output
     * @param outputs the outputs
     * @param approval the approval needed
     */
    public PlannedStep {
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
      details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
      warnings = List.copyOf(warnings);
      outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
  }
}
