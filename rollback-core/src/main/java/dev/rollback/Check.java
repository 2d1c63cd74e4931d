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
 * Something that must hold, as a value: a readiness checklist item, a phase's validation, a post-rollback
 * health check. An evaluator registered for its {@link #kind()} decides pass, fail or unknown, with evidence.
 * Checks observe only; a dry run evaluates them for real.
 *
 * <pre>{@code
 * Checks.confirm("Prepare rollback communication plan")          // a person ticks it
 * Checks.command(Command.of("make", "quick-check")).named("core functionality")
 * GitChecks.lastCommitMatching("P3-007").as("culprit")           // binds the commit it identified
 * }</pre>
 */
@Value.Immutable
public abstract class Check {

  Check() {}

  /**
   * The check's name, unique where it is listed.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What kind of check, namespaced by the adapter that evaluates it: {@code core.confirm}.
   *
   * @return the kind
   */
  public abstract String kind();

  /**
   * The check's parameters: plain data, {@link Arg}s included.
   *
   * @return the parameters in their declared order
   */
  public abstract Map<String, Object> params();

  /**
   * What the check verifies, in words.
   *
   * @return the description, when one was given
   */
  public abstract Optional<String> description();

  /**
   * The name under which the check's main output (a commit it identified, a number it read) is bound.
   *
   * @return the output's name, when bound
   */
  public abstract Optional<String> output();

  /**
   * The condition over signals that this check verifies, for {@link Checks#that(Condition)}.
   *
   * @return the condition, when the check is one
   */
  public abstract Optional<Condition> condition();

  /**
   * How long the evaluation may take, a person's confirmation included.
   *
   * @return the timeout; the plan's default when absent
   */
  public abstract Optional<Duration> timeout();

  /**
   * Creates a check. Adapter check factories call this; plans use the factories.
   *
   * @param kind what kind of check
   * @param name its default name
   * @param params its parameters
   * @return the check
   * @throws IllegalArgumentException if a parameter is not plain data
   */
  public static Check of(String kind, String name, Map<String, ?> params) {
    return ImmutableCheck.builder().kind(kind).name(name).putAllParams(Params.plainCopy("check " + name, params))
        .build();
  }

  /**
   * Whether a person decides this check rather than a program.
   *
   * @return {@code true} for {@link Checks#confirm(String) confirmations}
   */
  public boolean isManual() {
    return kind().equals(Checks.CONFIRM);
  }

  /**
   * The same check with another name.
   *
   * @param name the name
   * @return the new check
   */
  public Check named(String name) {
    return self().withName(name);
  }

  /**
   * The same check binding its main output under a name.
   *
   * @param output the output's name
   * @return the new check
   */
  public Check as(String output) {
    return self().withOutput(output);
  }

  /**
   * The same check with a description.
   *
   * @param description what it verifies
   * @return the new check
   */
  public Check describedAs(String description) {
    return self().withDescription(description);
  }

  /**
   * The same check with a timeout.
   *
   * @param timeout the timeout
   * @return the new check
   */
  public Check timeout(Duration timeout) {
    return self().withTimeout(timeout);
  }

  /**
   * The same check with one more parameter, or one replaced.
   *
   * @param key the parameter's name
   * @param value plain data or an {@link Arg}
   * @return the new check
   */
  public Check with(String key, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(params());
    p.put(Objects.requireNonNull(key, "key"), Params.plainCopy("check " + name() + " parameter '" + key + "'", value));
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
   * The names of the outputs this check needs from earlier steps.
   *
   * @return output names
   */
  public Set<String> references() {
    Set<String> out = new LinkedHashSet<>();
    args().forEach(a -> out.addAll(a.references()));
    condition().ifPresent(c -> c.signals().forEach(s -> s.params().values().forEach(v -> {
      List<Arg> inner = new ArrayList<>();
      Params.collectArgs(v, inner);
      inner.forEach(a -> out.addAll(a.references()));
    })));
    return out;
  }

  /**
   * The check in words: its description, else its name.
   *
   * @return the text
   */
  public String describe() {
    return description().orElse(name());
  }

  /** This value as its implementation, whose {@code with...} methods copy without copying the collections. */
  private ImmutableCheck self() {
    return (ImmutableCheck) ImmutableCheck.copyOf(this);
  }

  @Override
  public String toString() {
    return "Check[" + name() + ": " + kind() + " " + Params.show(params()) + "]";
  }
}
