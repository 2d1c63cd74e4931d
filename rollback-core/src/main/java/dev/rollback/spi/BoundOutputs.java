package dev.rollback.spi;

import dev.rollback.Check;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outputs the executor binds, by name: the built-in {@code run.*} and {@code plan.*} outputs known from the
 * start, what a step's {@link StepResult} binds under the step's {@code .as(name)}, and what a check identified.
 * Values are normalized as the journal stores them (every number a {@link Long} or {@link Double}, lists and maps
 * copied), so a value bound in a test equals the value a resumed run reads back.
 *
 * <p>The executor binds with this class; test harnesses use it to bind exactly as the executor does:
 *
 * <pre>{@code
 * outputs.putAll(BoundOutputs.ofStep(step, result));   // "culprit" -> value, "culprit.subject" -> ...
 * }</pre>
 */
public final class BoundOutputs {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private BoundOutputs() {}

  /**
   * The built-in outputs: {@code run.id}, {@code run.date} ({@code yyyyMMdd}, UTC), {@code run.startedAt},
   * {@code plan.name} and {@code plan.hash}.
   *
   * @param runId the run's id
   * @param startedAt when the run started
   * @param plan the plan
   * @return the outputs by name, in that order, unmodifiable
   * @throws NullPointerException if an argument is null
   */
  public static Map<String, Object> builtIns(String runId, Instant startedAt, RollbackPlan plan) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(plan, "plan");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run.id", runId);
    out.put("run.date", DATE.format(startedAt));
    out.put("run.startedAt", startedAt.toString());
    out.put("plan.name", plan.name());
    out.put("plan.hash", plan.hash());
    return Collections.unmodifiableMap(out);
  }

  /**
   * What an applied step binds: nothing when the step has no {@code .as(name)}; otherwise its value under
   * {@code name} (when it has one) and each of its outputs {@code k} under {@code name.k}.
   *
   * @param step the step
   * @param result what the handler returned
   * @return the outputs by name, unmodifiable
   * @throws IllegalArgumentException when a value is not plain data
   */
  public static Map<String, Object> ofStep(Step step, StepResult result) {
    Objects.requireNonNull(result, "result");
    Map<String, Object> out = new LinkedHashMap<>();
    step.output().ifPresent(name -> {
      result.value().ifPresent(v -> out.put(name, PlainData.normalize(v)));
      result.outputs().forEach((k, v) -> out.put(name + "." + k, PlainData.normalize(v)));
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * What an evaluated check binds: its value under the check's {@code .as(name)}, when it has both.
   *
   * @param check the check
   * @param result what the evaluator returned
   * @return the outputs by name, unmodifiable
   * @throws IllegalArgumentException when the value is not plain data
   */
  public static Map<String, Object> ofCheck(Check check, CheckResult result) {
    Objects.requireNonNull(result, "result");
    Map<String, Object> out = new LinkedHashMap<>();
    check.output().ifPresent(name -> result.value().ifPresent(v -> out.put(name, PlainData.normalize(v))));
    return Collections.unmodifiableMap(out);
  }
}
