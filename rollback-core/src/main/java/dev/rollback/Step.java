package dev.rollback;

import dev.rollback.internal.Params;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One step of a phase, as a value that describes what to do; the adapter registered for its {@link #kind()}
 * previews, applies, probes and compensates it.
 *
 * <p>Steps come from factories named after the tool ({@code GitSteps.revert(ref("culprit"))},
 * {@link Steps#command(Command)}) and are tuned with the fluent methods, each returning a new step:
 *
 * <pre>{@code
 * GitSteps.revert(ref("culprit"))
 *     .named("revert P3-007")
 *     .as("revertCommit")                         // bind the step's main output for later steps
 *     .timeout(Duration.ofMinutes(2))
 *     .retry(RetryPolicy.times(3))
 * }</pre>
 */
@Value.Immutable
public abstract class Step {

  Step() {}

  /**
   * The step's name, unique within its phase.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What kind of step, namespaced by the adapter that interprets it: {@code git.revert}, {@code core.command}.
   *
   * @return the kind
   */
  public abstract String kind();

  /**
   * The step's parameters: plain data, {@link Arg}s included.
   *
   * @return the parameters in their declared order
   */
  public abstract Map<String, Object> params();

  /**
   * What the step does to the world.
   *
   * @return the effect
   */
  public abstract Effect effect();

  /**
   * What the step does, in words, for the runbook and the preview.
   *
   * @return the description, when one was given
   */
  public abstract Optional<String> description();

  /**
   * The name under which the step's main output is bound for later steps ({@link Rollback#ref(String)}).
   *
   * @return the output's name, when bound
   */
  public abstract Optional<String> output();

  /**
   * How long one attempt may take before the executor stops it.
   *
   * @return the timeout; the plan's default when absent
   */
  public abstract Optional<Duration> timeout();

  /**
   * How often to try the step.
   *
   * @return the retry policy; one attempt unless set
   */
  @Value.Default
  public RetryPolicy retry() {
    return RetryPolicy.none();
  }

  /**
   * An approval this step needs on top of the severity's, for example before a force push in a recovery.
   *
   * @return the policy, when the step has its own
   */
  public abstract Optional<ApprovalPolicy> approval();

  /**
   * The check that tells, when an interrupted run resumes, whether this step took effect before the
   * interruption: it passes when the step's effect is there. Declared for steps whose adapter cannot tell by
   * itself, such as a command ({@link Steps#command(Command)}); when present it is asked instead of the adapter.
   *
   * @return the check, when the step has one
   */
  public abstract Optional<Check> appliedWhen();

  /**
   * Creates a step. Adapter step factories call this; plans use the factories.
   *
   * @param kind what kind of step
   * @param name its default name
   * @param effect what it does to the world
   * @param params its parameters
   * @return the step
   * @throws IllegalArgumentException if a parameter is not plain data
   */
  public static Step of(String kind, String name, Effect effect, Map<String, ?> params) {
    return ImmutableStep.builder().kind(kind).name(name).effect(effect)
        .putAllParams(Params.plainCopy("step " + name, params)).build();
  }

  /**
   * The same step with another name.
   *
   * @param name the name, unique within its phase
   * @return the new step
   */
  public Step named(String name) {
    return self().withName(name);
  }

  /**
   * The same step binding its main output under a name, for {@link Rollback#ref(String)} in later steps.
   *
   * @param output the output's name
   * @return the new step
   */
  public Step as(String output) {
    return self().withOutput(output);
  }

  /**
   * The same step with a description for the runbook.
   *
   * @param description what the step does, in words
   * @return the new step
   */
  public Step describedAs(String description) {
    return self().withDescription(description);
  }

  /**
   * The same step with a timeout per attempt.
   *
   * @param timeout the timeout
   * @return the new step
   */
  public Step timeout(Duration timeout) {
    return self().withTimeout(timeout);
  }

  /**
   * The same step with a retry policy.
   *
   * @param retry the policy
   * @return the new step
   */
  public Step retry(RetryPolicy retry) {
    return self().withRetry(retry);
  }

  /**
   * The same step declaring another effect, for steps whose effect only the plan's author knows (a command).
   *
   * @param effect the effect
   * @return the new step
   */
  public Step effect(Effect effect) {
    return self().withEffect(effect);
  }

  /**
   * The same step needing its own approval before it runs.
   *
   * @param policy the approval policy
   * @return the new step
   */
  public Step requiresApproval(ApprovalPolicy policy) {
    return self().withApproval(policy);
  }

  /**
   * The same step with an idempotency probe: when a run is interrupted while this step runs, resuming evaluates the
   * check to tell whether the step took effect (it passes: the step is taken as applied; it fails: the step runs
   * again; it cannot be evaluated: the run stops and asks the operator to settle it). Without one, the step's
   * adapter is asked, and a command's cannot tell.
   *
   * <pre>{@code
   * Steps.command(Command.of("scripts/disable-docker-tests.sh"))
   *     .appliedWhen(Checks.command("grep", "-q", "DOCKER_TESTS=off", "ci.env"))
   * }</pre>
   *
   * @param check the check that passes once the step took effect; it binds no output
   * @return the new step
   * @throws NullPointerException if {@code check} is null
   */
  public Step appliedWhen(Check check) {
    return self().withAppliedWhen(Objects.requireNonNull(check, "check"));
  }

  /**
   * The same step with one more parameter, or one replaced.
   *
   * @param key the parameter's name
   * @param value plain data or an {@link Arg}
   * @return the new step
   */
  public Step with(String key, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(params());
    p.put(Objects.requireNonNull(key, "key"), Params.plainCopy("step " + name() + " parameter '" + key + "'", value));
    return self().withParams(p);
  }

  /**
   * Every {@link Arg} in the parameters.
   *
   * @return the arguments
   */
  public List<Arg> args() {
    List<Arg> out = new ArrayList<>();
    params().values().forEach(v -> Params.collectArgs(v, out));
    return out;
  }

  /**
   * The names of the outputs this step needs from earlier steps.
   *
   * @return output names
   */
  public Set<String> references() {
    Set<String> out = new LinkedHashSet<>();
    args().forEach(a -> out.addAll(a.references()));
    return out;
  }

  /**
   * The step in words: its description, else its name.
   *
   * @return the text
   */
  public String describe() {
    return description().orElse(name());
  }

  /** This value as its implementation, whose {@code with...} methods copy without copying the collections. */
  private ImmutableStep self() {
    return (ImmutableStep) ImmutableStep.copyOf(this);
  }

  @Override
  public String toString() {
    return "Step[" + name() + ": " + kind() + " " + Params.show(params()) + ", " + effect() + "]";
  }
}
