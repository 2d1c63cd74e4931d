package dev.rollback;

import java.time.Duration;
import java.util.Set;

/**
 * The entry point of the plan DSL. Import it statically and write the runbook:
 *
 * <pre>{@code
 * import static dev.rollback.Rollback.*;
 *
 * RollbackPlan plan = plan("P3-007 Docker CI test execution")
 *     .trigger("ci-broken", "Critical CI failures preventing deployments", ciSuccess.atMost(0))
 *     .severity(severity("critical")
 *         .description("CI completely broken, blocking all deployments")
 *         .when(trigger("ci-broken"))
 *         .rollbackWithin(hours(1))
 *         .approval(single("maintainer"))
 *         .procedure("emergency"))
 *     .checklist(Checks.confirm("Prepare rollback communication plan"))
 *     .procedure(procedure("gradual")
 *         .phase(phase("Disable Docker test execution")
 *             .step(Steps.command("scripts/use_direct_pytest.sh"))
 *             .validate(Checks.command("make", "quick-check"))))
 *     .build();
 * }</pre>
 *
 * <p>Everything here returns values or builders of values; nothing runs until an executor runs the plan.
 */
public final class Rollback {

  /**
   * Outputs every run provides, usable in {@link #ref(String)} and {@link #template(String)}: {@code run.id},
   * {@code run.date} (yyyyMMdd, UTC), {@code run.startedAt}, {@code plan.name}, {@code plan.hash},
   * {@code decision.severity}, {@code decision.reason}, {@code decision.deadline}, {@code decision.detectedAt}.
   */
  public static final Set<String> BUILT_IN_OUTPUTS = Set.of("run.id", "run.date", "run.startedAt", "plan.name",
      "plan.hash", "decision.severity", "decision.reason", "decision.deadline", "decision.detectedAt");

  private Rollback() {}

  /**
   * Starts a plan.
   *
   * @param name the plan's name
   * @return a builder
   */
  public static RollbackPlan.Builder plan(String name) {
    return RollbackPlan.builder().name(name);
  }

  /**
   * Starts a severity level of the decision matrix.
   *
   * @param name the level's name, such as {@code critical}
   * @return a builder
   */
  public static SeverityLevel.Builder severity(String name) {
    return SeverityLevel.builder().name(name);
  }

  /**
   * Starts a procedure.
   *
   * @param name the procedure's name, such as {@code gradual}
   * @return a builder
   */
  public static Procedure.Builder procedure(String name) {
    return Procedure.builder().name(name);
  }

  /**
   * Starts a phase.
   *
   * @param name the phase's name
   * @return a builder
   */
  public static Phase.Builder phase(String name) {
    return Phase.builder().name(name);
  }

  /**
   * Starts the post-rollback monitoring.
   *
   * @return a builder
   */
  public static Monitoring.Builder monitoring() {
    return Monitoring.builder();
  }

  /**
   * Starts a recovery strategy.
   *
   * @param name the strategy's name
   * @param kind forward, hybrid or full
   * @return a builder
   */
  public static RecoveryStrategy.Builder recovery(String name, RecoveryStrategy.Kind kind) {
    return RecoveryStrategy.builder().name(name).kind(kind);
  }

  /**
   * Starts a message of the communication plan.
   *
   * @param name the message's name
   * @return a builder
   */
  public static MessageTemplate.Builder message(String name) {
    return MessageTemplate.builder().name(name);
  }

  /**
   * A reference to an output bound earlier with {@code .as(name)}, or a {@link #BUILT_IN_OUTPUTS built-in} one.
   *
   * @param name the output's name
   * @return the reference
   */
  public static Ref ref(String name) {
    return new Ref(name);
  }

  /**
   * A path relative to the repository's root.
   *
   * @param path the path, with forward slashes
   * @return the path
   */
  public static RepoPath path(String path) {
    return new RepoPath(path);
  }

  /**
   * A Git branch or tag name; may hold {@code {{output}}} placeholders, as in
   * {@code branch("rollback-p3-007-{{run.date}}")}.
   *
   * @param name the name
   * @return the ref name
   */
  public static RefName branch(String name) {
    return new RefName(name);
  }

  /**
   * A secret, by name; its value is resolved at run time and never shown.
   *
   * @param name the secret's name, such as an environment variable
   * @return the secret
   */
  public static Secret secret(String name) {
    return new Secret(name);
  }

  /**
   * A text with {@code {{output}}} placeholders filled at run time.
   *
   * @param text the template
   * @return the template
   */
  public static Template template(String text) {
    return new Template(text);
  }

  /**
   * Approval by any one person holding the role.
   *
   * @param role the role
   * @return the policy
   */
  public static ApprovalPolicy single(String role) {
    return ApprovalPolicy.single(role);
  }

  /**
   * Approval by the holder of the role: {@link #single(String)} worded "Team lead approval" in the runbook.
   *
   * @param role the role
   * @return the policy
   * @deprecated the same rule as {@link #single(String)}, which differs only in wording: use that; plans written
   *     with this keep compiling and keep their hash
   */
  @Deprecated
  public static ApprovalPolicy role(String role) {
    return ApprovalPolicy.role(role);
  }

  /**
   * Approval by {@code quorum} distinct people among the roles.
   *
   * @param quorum how many people
   * @param roles the roles
   * @return the policy
   */
  public static ApprovalPolicy consensus(int quorum, String... roles) {
    return ApprovalPolicy.consensus(quorum, roles);
  }

  /**
   * No sign-off: the team's discretion.
   *
   * @return the policy
   */
  public static ApprovalPolicy discretion() {
    return ApprovalPolicy.discretion();
  }

  /**
   * The condition of the plan's trigger with this name.
   *
   * @param name the trigger's name
   * @return the condition
   */
  public static Condition trigger(String name) {
    return Condition.trigger(name);
  }

  /**
   * A fact a person declares when starting the run, false unless declared.
   *
   * @param name the fact's name
   * @return the condition
   */
  public static Condition declared(String name) {
    return Condition.declared(name);
  }

  /**
   * All of the conditions.
   *
   * @param conditions the conditions
   * @return the conjunction
   */
  public static Condition allOf(Condition... conditions) {
    return Condition.allOf(conditions);
  }

  /**
   * Any of the conditions.
   *
   * @param conditions the conditions
   * @return the disjunction
   */
  public static Condition anyOf(Condition... conditions) {
    return Condition.anyOf(conditions);
  }

  /**
   * The opposite of a condition.
   *
   * @param condition the condition
   * @return the negation
   */
  public static Condition not(Condition condition) {
    return condition.negate();
  }

  /**
   * A number of minutes.
   *
   * @param n the count
   * @return the duration
   */
  public static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }

  /**
   * A number of hours.
   *
   * @param n the count
   * @return the duration
   */
  public static Duration hours(long n) {
    return Duration.ofHours(n);
  }

  /**
   * A number of days.
   *
   * @param n the count
   * @return the duration
   */
  public static Duration days(long n) {
    return Duration.ofDays(n);
  }

  /**
   * A number of weeks.
   *
   * @param n the count
   * @return the duration
   */
  public static Duration weeks(long n) {
    return Duration.ofDays(7 * n);
  }
}
