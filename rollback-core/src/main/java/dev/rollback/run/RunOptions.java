package dev.rollback.run;

import dev.rollback.Condition;
import dev.rollback.NotificationEvent;
import dev.rollback.RollbackPlan;
import dev.rollback.internal.MessageValues;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How to run a plan, beyond the plan itself: a severity chosen by hand instead of by the decision matrix, the
 * emergency procedure forced, a stop after preparation, facts a person declares, when the problem was detected.
 * The journal records the options, and a resumed run uses them again.
 *
 * <pre>{@code
 * RunOptions.defaults()
 *     .withSeverity("critical")                     // skip the decision matrix
 *     .withEmergency()                              // run the emergency procedure
 *     .withDeclared("security-vulnerability")       // makes Condition.declared("security-vulnerability") true
 *     .withDetectedAt(Instant.parse("2026-01-01T03:00:00Z"))
 * }</pre>
 *
 * @param severity the severity level to use, by name, instead of the decision matrix's
 * @param emergency whether to run the plan's emergency procedure whatever the severity's procedure is
 * @param stopAfterPreparation whether to stop once the readiness checklist passed, before any step runs
 * @param monitor whether to watch the plan's monitoring rules for their period after a successful rollback, alerts
 *     going to the listeners and to the plan's {@link NotificationEvent#ALERT} messages
 * @param declaredFacts facts a person declares, for {@link Condition#declared(String)}
 * @param detectedAt when the problem was detected, from which the deadline counts; the run's start when absent
 * @param runId the run's id, for tools that choose it; generated when absent
 * @param planSource where the plan comes from (a script's path, a class name), recorded so that a launcher can
 *     load the plan again to resume
 * @param skipUnavailable the adapters whose steps, checks and signals are reported skipped, with the reason, when the
 *     adapter is unavailable (not registered, or its {@code onRunStart} fails), instead of stopping the run; empty
 *     unless asked with {@link #withSkipUnavailable(String...)}
 * @param recovery the recovery strategy a run carries out instead of a rollback, by name; see
 *     {@link RollbackExecutor#recover(RollbackPlan, String, RunOptions)}
 * @param messageValues values for the communication plan's templates, each overriding a value the plan declares
 *     ({@link RollbackPlan#messageValues()}) under the same name
 */
public record RunOptions(Optional<String> severity, boolean emergency, boolean stopAfterPreparation,
    boolean monitor, Set<String> declaredFacts, Optional<Instant> detectedAt, Optional<String> runId,
    Optional<String> planSource, Set<String> skipUnavailable, Optional<String> recovery,
    Map<String, Object> messageValues) {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final RunOptions DEFAULTS = new RunOptions(Optional.empty(), false, false, false, Set.of(),
      Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Map.of());

  /**
   * Creates options.
   *
   * @param severity the severity chosen by hand
   * @param emergency whether to force the emergency procedure
   * @param stopAfterPreparation whether to stop after the checklist
   * @param monitor whether to monitor after a successful rollback
   * @param declaredFacts declared facts
   * @param detectedAt when the problem was detected
   * @param runId the run's id
   * @param planSource where the plan comes from
   * @param skipUnavailable the adapters whose parts are skipped when unavailable
   * @param recovery the recovery strategy to carry out, by name
   * @param messageValues values for the message templates, by name
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the run id is not 1 to 128 letters, digits, '.', '_' or '-' starting
   *     with a letter or digit, or a message value is not plain data (text, a number, a boolean, or a list or map
   *     of those)
   */
  public RunOptions {
    Objects.requireNonNull(severity, "severity");
    declaredFacts = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(declaredFacts, "declaredFacts")));
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planSource, "planSource");
    skipUnavailable = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(skipUnavailable,
        "skipUnavailable")));
    Objects.requireNonNull(recovery, "recovery");
    messageValues = MessageValues.copy("message value", Objects.requireNonNull(messageValues, "messageValues"));
    runId.ifPresent(id -> {
      if (!RUN_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("run id '" + id
            + "' must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
      }
    });
  }

  /**
   * No option: the decision matrix decides, the severity's procedure runs to the end.
   *
   * @return the default options
   */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The same options with the severity chosen by hand.
   *
   * @param name the severity level's name in the plan
   * @return the new options
   */
  public RunOptions withSeverity(String name) {
    return new RunOptions(Optional.of(Objects.requireNonNull(name, "name")), emergency, stopAfterPreparation, monitor,
        declaredFacts, detectedAt, runId, planSource, skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options forcing the plan's emergency procedure.
   *
   * @return the new options
   */
  public RunOptions withEmergency() {
    return new RunOptions(severity, true, stopAfterPreparation, monitor, declaredFacts, detectedAt, runId, planSource,
        skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options stopping once the readiness checklist passed: assess, decide, approve, prepare, and no step.
   *
   * @return the new options
   */
  public RunOptions withStopAfterPreparation() {
    return new RunOptions(severity, emergency, true, monitor, declaredFacts, detectedAt, runId, planSource,
        skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options watching the plan's monitoring after a successful rollback: the run returns at the end of
   * the monitoring period (at once on a {@link dev.rollback.run.ManualClock}), with the alerts in its report. A run
   * interrupted while monitoring keeps the alerts it raised and, resumed, watches for a whole period again.
   *
   * @return the new options
   */
  public RunOptions withMonitoring() {
    return new RunOptions(severity, emergency, stopAfterPreparation, true, declaredFacts, detectedAt, runId,
        planSource, skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options with more declared facts.
   *
   * @param facts the facts' names
   * @return the new options
   */
  public RunOptions withDeclared(String... facts) {
    Set<String> all = new TreeSet<>(declaredFacts);
    all.addAll(Arrays.asList(facts));
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, all, detectedAt, runId, planSource,
        skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options with the detection time.
   *
   * @param at when the problem was detected
   * @return the new options
   */
  public RunOptions withDetectedAt(Instant at) {
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts,
        Optional.of(Objects.requireNonNull(at, "at")), runId, planSource, skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options with a run id chosen by the caller.
   *
   * @param id the id: letters, digits, '.', '_' and '-'
   * @return the new options
   * @throws IllegalArgumentException if the id breaks that rule
   */
  public RunOptions withRunId(String id) {
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts, detectedAt,
        Optional.of(Objects.requireNonNull(id, "id")), planSource, skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options recording where the plan comes from.
   *
   * @param source a script's path or a class name
   * @return the new options
   */
  public RunOptions withPlanSource(String source) {
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts, detectedAt, runId,
        Optional.of(Objects.requireNonNull(source, "source")), skipUnavailable, recovery, messageValues);
  }

  /**
   * The same options allowing the run to go on without some adapters: when one of them is unavailable (no adapter of
   * that name is registered, or its {@link dev.rollback.spi.Adapter#onRunStart onRunStart} fails, say because its
   * engine does not answer), its steps and checks are reported {@code SKIPPED} and its signals unknown, each with the
   * reason, instead of the run being refused or stopped. Only the adapters named here are skipped, and only when
   * asked: a normal run never skips anything. A condition over a skipped signal is unknown, never silently true or
   * false.
   *
   * <pre>{@code
   * RunOptions.defaults().withSkipUnavailable("docker")   // a laptop with no Docker engine
   * }</pre>
   *
   * @param adapters the adapters' names, such as {@code docker}
   * @return the new options
   */
  public RunOptions withSkipUnavailable(String... adapters) {
    Set<String> all = new TreeSet<>(skipUnavailable);
    for (String a : adapters) {
      all.add(Objects.requireNonNull(a, "adapter"));
    }
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts, detectedAt, runId,
        planSource, all, recovery, messageValues);
  }

  /**
   * The same options carrying out a recovery strategy of the plan instead of a rollback; what
   * {@link RollbackExecutor#recover(RollbackPlan, String, RunOptions)} does.
   *
   * @param strategy the strategy's name in the plan
   * @return the new options
   */
  public RunOptions withRecovery(String strategy) {
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts, detectedAt, runId,
        planSource, skipUnavailable, Optional.of(Objects.requireNonNull(strategy, "strategy")), messageValues);
  }

  /**
   * The same options with a value for the communication plan's templates, overriding the value the plan declares
   * under that name ({@link RollbackPlan#messageValues()}); a run refuses a name the plan does not declare, so that a
   * misspelt name is caught instead of leaving a placeholder empty.
   *
   * <pre>{@code
   * RunOptions.defaults().withMessageValue("fixes", List.of("Pin the test image", "Retry flaky network tests"))
   * }</pre>
   *
   * @param name the value's name, as the templates use it ({@code {{#fixes}}...{{/fixes}}})
   * @param value text, a number, a boolean, or a list or map of those
   * @return the new options
   * @throws IllegalArgumentException if the value is not plain data
   */
  public RunOptions withMessageValue(String name, Object value) {
    Map<String, Object> all = new LinkedHashMap<>(messageValues);
    all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new RunOptions(severity, emergency, stopAfterPreparation, monitor, declaredFacts, detectedAt, runId,
        planSource, skipUnavailable, recovery, all);
  }
}
