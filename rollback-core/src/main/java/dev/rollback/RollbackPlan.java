package dev.rollback;

import dev.rollback.internal.CanonicalJson;
import dev.rollback.internal.MessageValues;
import dev.rollback.internal.PlanChecker;
import dev.rollback.run.RunOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A rollback and recovery runbook as an immutable value: triggers, the decision matrix of severity levels, the
 * assessment, the readiness checklist, the procedures (standard and emergency), verification, monitoring,
 * recovery strategies, communication and success criteria.
 *
 * <p>A plan holds no live client, open file or lambda, so it can be compared, {@link #hash() hashed} (the journal
 * records the hash), {@link #check() checked} before anything runs, {@link Runbook rendered} and run against
 * another repository. Build one with {@link Rollback#plan(String)}:
 *
 * <pre>{@code
 * import static dev.rollback.Rollback.*;
 *
 * RollbackPlan plan = plan("P3-007 Docker CI test execution")
 *     .trigger("ci-broken", "Critical CI failures preventing deployments", ciSuccess.atMost(0))
 *     .severity(severity("critical").when(trigger("ci-broken"))
 *         .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
 *     .checklist(Checks.confirm("Prepare rollback communication plan"))
 *     .procedure(procedure("gradual").phase(...))
 *     .emergency(procedure("emergency").phase(...))
 *     .build();
 *
 * PlanCheck problems = plan.check();          // every mistake at once
 * RollbackPlan tweaked = RollbackPlan.builder().from(plan).summary("for service B").build();
 * }</pre>
 */
@Value.Immutable
public abstract class RollbackPlan {

  RollbackPlan() {}

  /**
   * The plan's name.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What the plan rolls back and why, in a sentence or two.
   *
   * @return the summary; empty unless set
   */
  @Value.Default
  public String summary() {
    return "";
  }

  /**
   * The reasons to consider a rollback.
   *
   * @return the triggers
   */
  public abstract List<Trigger> triggers();

  /**
   * The decision matrix, from the highest severity down; the highest whose condition holds wins.
   *
   * @return the severity levels
   */
  public abstract List<SeverityLevel> severities();

  /**
   * The signals captured into a snapshot before anything changes, beyond those the conditions measure.
   *
   * @return the signals
   */
  public abstract List<Signal> assessment();

  /**
   * The questions of the impact analysis (deployments, developer experience, coverage, data loss risk).
   *
   * @return the questions
   */
  public abstract List<String> impactAnalysis();

  /**
   * The readiness checklist: checks that must pass, or be confirmed by a person, before execution.
   *
   * @return the checks
   */
  public abstract List<Check> readinessChecks();

  /**
   * The procedures; the first one that is not the emergency procedure is the standard one.
   *
   * @return the procedures
   */
  public abstract List<Procedure> procedures();

  /**
   * The name of the emergency procedure, the fast path.
   *
   * @return the name, when the plan has one
   */
  public abstract Optional<String> emergencyProcedure();

  /**
   * Post-rollback validations.
   *
   * @return the checks
   */
  public abstract List<Check> verifications();

  /**
   * System health checks after the rollback.
   *
   * @return the checks
   */
  public abstract List<Check> healthChecks();

  /**
   * What to watch after the rollback.
   *
   * @return the monitoring, when the plan has one
   */
  public abstract Optional<Monitoring> monitoring();

  /**
   * The recovery strategies.
   *
   * @return the strategies
   */
  public abstract List<RecoveryStrategy> recoveries();

  /**
   * The communication plan's messages.
   *
   * @return the messages
   */
  public abstract List<MessageTemplate> messages();

  /**
   * Values the communication plan's templates use beyond what a run measures and does, each with its default:
   * whom to contact, the fixes applied, the fix timeline. A run may give another value for a name declared here
   * ({@link RunOptions#withMessageValue(String, Object)}), never for a name that is not, so that every placeholder
   * {@link #check()} accepts is filled. See {@link MessageTemplate} for everything a template can use.
   *
   * <pre>{@code
   * .messageValue("team", "the CI platform team (#ci-platform)")
   * .messageValue("fixes", List.of())     // a run names them: RunOptions.withMessageValue("fixes", List.of(...))
   * }</pre>
   *
   * @return the values by name: text, numbers, booleans, or lists and maps of those
   */
  public abstract Map<String, Object> messageValues();

  /**
   * What success means, in words.
   *
   * @return the criteria
   */
  public abstract List<String> successCriteria();

  /**
   * The timeout of a step or check that sets none.
   *
   * @return the default timeout; 5 minutes unless set
   */
  @Value.Default
  public Duration defaultTimeout() {
    return Duration.ofMinutes(5);
  }

  /**
   * Everything wrong with this plan, at once, each problem with the path of the offending element. A plan with
   * problems does not run.
   *
   * @return the result of checking
   */
  @Value.Lazy
  public PlanCheck check() {
    return PlanChecker.check(this);
  }

  /**
   * The SHA-256 of the plan's {@link #canonicalJson() canonical form}, in hex: equal plans hash equally, on any
   * JVM and machine. The journal records it, and resuming refuses a journal written for another hash.
   *
   * @return 64 hex digits
   */
  @Value.Lazy
  public String hash() {
    return CanonicalJson.sha256(canonicalJson());
  }

  /**
   * The plan as canonical JSON: fields in a fixed order, no whitespace, durations in ISO-8601.
   *
   * @return the JSON text
   */
  @Value.Lazy
  public String canonicalJson() {
    return CanonicalJson.write(this);
  }

  /**
   * The plan rendered as a Markdown runbook; see {@link Runbook#markdown(RollbackPlan)}.
   *
   * @return the Markdown text
   */
  public String toMarkdown() {
    return Runbook.markdown(this);
  }

  /**
   * The standard procedure: the first that is not the emergency procedure.
   *
   * @return the procedure, when the plan has one
   */
  public Optional<Procedure> standardProcedure() {
    return procedures().stream().filter(p -> !emergencyProcedure().equals(Optional.of(p.name()))).findFirst();
  }

  /**
   * The emergency procedure.
   *
   * @return the procedure, when the plan has one
   */
  public Optional<Procedure> emergency() {
    return emergencyProcedure().flatMap(this::procedure);
  }

  /**
   * A procedure by name.
   *
   * @param name the name
   * @return the procedure, when there is one
   */
  public Optional<Procedure> procedure(String name) {
    return procedures().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * A severity level by name.
   *
   * @param name the name
   * @return the level, when there is one
   */
  public Optional<SeverityLevel> severity(String name) {
    return severities().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * A trigger by name.
   *
   * @param name the name
   * @return the trigger, when there is one
   */
  public Optional<Trigger> trigger(String name) {
    return triggers().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * A recovery strategy by name.
   *
   * @param name the name
   * @return the strategy, when there is one
   */
  public Optional<RecoveryStrategy> recovery(String name) {
    return recoveries().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The adapters a run of this plan may use, recovery strategies included: the part before the first dot of each
   * step, check and signal kind ({@code core}, {@code git}, {@code github}, {@code docker}, ...). A launcher
   * registers these and no others.
   *
   * @return the adapters' names, sorted
   */
  public Set<String> adapters() {
    return dev.rollback.internal.PlanParts.adapters(this, true);
  }

  /**
   * The procedure a severity level runs: its own, else the standard one.
   *
   * @param level the level
   * @return the procedure, when the plan has it
   */
  public Optional<Procedure> procedureFor(SeverityLevel level) {
    return level.procedure().isPresent() ? procedure(level.procedure().get()) : standardProcedure();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "RollbackPlan[" + name() + ": " + triggers().size() + " triggers, " + severities().size() + " severities, "
        + procedures().size() + " procedures, hash " + hash().substring(0, 12) + "]";
  }

  /**
   * Builds a {@link RollbackPlan} in the runbook's words; every method that takes elements adds them in order.
   * For copy-and-tweak, start from {@code RollbackPlan.builder().from(plan)}.
   */
  public static final class Builder extends ImmutableRollbackPlan.Builder {
    Builder() {}

    /**
     * Adds a trigger.
     *
     * @param name the trigger's name
     * @param description the trigger in the runbook's words
     * @param when what detects it
     * @return this builder
     */
    public Builder trigger(String name, String description, Condition when) {
      return addTrigger(new Trigger(name, description, when));
    }

    /**
     * Adds severity levels, highest first.
     *
     * @param levels the levels
     * @return this builder
     */
    public Builder severity(SeverityLevel... levels) {
      return addAllSeverities(Arrays.asList(levels));
    }

    /**
     * Adds the severity level being built.
     *
     * @param level the level's builder
     * @return this builder
     */
    public Builder severity(SeverityLevel.Builder level) {
      return addSeverity(level.build());
    }

    /**
     * Adds signals to the assessment snapshot.
     *
     * @param signals the signals
     * @return this builder
     */
    public Builder assess(Signal... signals) {
      return addAllAssessment(Arrays.asList(signals));
    }

    /**
     * Adds questions to the impact analysis.
     *
     * @param questions the questions
     * @return this builder
     */
    public Builder impact(String... questions) {
      return addAllImpactAnalysis(Arrays.asList(questions));
    }

    /**
     * Adds items to the readiness checklist.
     *
     * @param checks the checks
     * @return this builder
     */
    public Builder checklist(Check... checks) {
      return addAllReadinessChecks(Arrays.asList(checks));
    }

    /**
     * Adds a procedure; the first one added is the standard procedure.
     *
     * @param procedure the procedure
     * @return this builder
     */
    public Builder procedure(Procedure procedure) {
      return addProcedure(procedure);
    }

    /**
     * Adds the procedure being built.
     *
     * @param procedure the procedure's builder
     * @return this builder
     */
    public Builder procedure(Procedure.Builder procedure) {
      return addProcedure(procedure.build());
    }

    /**
     * Adds the emergency procedure, the fast path.
     *
     * @param procedure the procedure
     * @return this builder
     */
    public Builder emergency(Procedure procedure) {
      return addProcedure(procedure).emergencyProcedure(procedure.name());
    }

    /**
     * Adds the emergency procedure being built.
     *
     * @param procedure the procedure's builder
     * @return this builder
     */
    public Builder emergency(Procedure.Builder procedure) {
      return emergency(procedure.build());
    }

    /**
     * Adds post-rollback validations.
     *
     * @param checks the checks
     * @return this builder
     */
    public Builder verify(Check... checks) {
      return addAllVerifications(Arrays.asList(checks));
    }

    /**
     * Adds system health checks.
     *
     * @param checks the checks
     * @return this builder
     */
    public Builder healthCheck(Check... checks) {
      return addAllHealthChecks(Arrays.asList(checks));
    }

    /**
     * Sets the monitoring being built.
     *
     * @param monitoring the monitoring's builder
     * @return this builder
     */
    public Builder monitoring(Monitoring.Builder monitoring) {
      return monitoring(monitoring.build());
    }

    /**
     * Adds a recovery strategy.
     *
     * @param strategy the strategy
     * @return this builder
     */
    public Builder recovery(RecoveryStrategy strategy) {
      return addRecovery(strategy);
    }

    /**
     * Adds the recovery strategy being built.
     *
     * @param strategy the strategy's builder
     * @return this builder
     */
    public Builder recovery(RecoveryStrategy.Builder strategy) {
      return addRecovery(strategy.build());
    }

    /**
     * Adds a message to the communication plan.
     *
     * @param message the message
     * @return this builder
     */
    public Builder communicate(MessageTemplate message) {
      return addMessage(message);
    }

    /**
     * Adds the message being built.
     *
     * @param message the message's builder
     * @return this builder
     */
    public Builder communicate(MessageTemplate.Builder message) {
      return addMessage(message.build());
    }

    /**
     * Adds success criteria.
     *
     * @param criteria the criteria, in words
     * @return this builder
     */
    public Builder successCriterion(String... criteria) {
      return addAllSuccessCriteria(Arrays.asList(criteria));
    }

    /**
     * Declares a value the communication plan's templates use, with its default; see {@link #messageValues()}.
     *
     * @param name the value's name, as templates use it: {@code team} for {@code {{team}}}
     * @param value its default: text, a number, a boolean, or a list or map of those
     * @return this builder
     * @throws IllegalArgumentException if the value is not plain data
     * @throws NullPointerException if an argument is null
     */
    public Builder messageValue(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return putAllMessageValues(MessageValues.copy("message value", Map.of(name, value)));
    }
  }
}
