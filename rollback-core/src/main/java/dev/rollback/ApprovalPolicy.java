package dev.rollback;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who must approve before a rollback's irreversible steps run, and how long the executor waits for them.
 *
 * <pre>{@code
 * ApprovalPolicy.single("maintainer")                      // any one maintainer
 * ApprovalPolicy.single("team-lead")                       // the team lead
 * ApprovalPolicy.consensus(List.of("maintainer", "team-lead", "developer"), 2)   // two distinct people
 * ApprovalPolicy.discretion()                              // no sign-off: the team's discretion
 * }</pre>
 *
 * <p>A quorum counts distinct people, each holding one of the roles named. Waiting for approval counts against
 * the severity's deadline; {@link #timeout()} bounds it. {@link #discretion()} approves without asking anyone,
 * so it does not cover {@link Effect#IRREVERSIBLE irreversible} steps.
 *
 * @param kind the kind of policy
 * @param roles the roles whose holders may approve
 * @param quorum how many distinct people must approve
 * @param timeout how long to wait for the approvals
 */
public record ApprovalPolicy(Kind kind, List<String> roles, int quorum, Duration timeout) {

  /** The default wait for approvals: 15 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

  /** Kinds of approval policy. */
  public enum Kind {
    /** One person holding the role. */
    SINGLE,
    /**
     * The holder of a named role, such as the team lead: the same rule as {@link #SINGLE}, worded "Team lead
     * approval"; what the deprecated {@link ApprovalPolicy#role(String)} makes, kept so that plans written with it
     * keep their hash.
     */
    ROLE,
    /** A quorum of distinct people among the roles named. */
    CONSENSUS,
    /** No sign-off: the team's discretion; granted automatically and recorded as such. */
    DISCRETION
  }

  /**
   * Creates a policy; {@link RollbackPlan#check()} reports a quorum that the roles cannot meet.
   *
   * @param kind the kind of policy
   * @param roles the roles whose holders may approve
   * @param quorum how many distinct people must approve
   * @param timeout how long to wait for the approvals
   * @throws NullPointerException if an argument or a role is null
   */
  public ApprovalPolicy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(timeout, "timeout");
    roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
  }

  /**
   * Approval by any one person holding the role.
   *
   * @param role the role, for example {@code maintainer}
   * @return the policy
   */
  public static ApprovalPolicy single(String role) {
    return new ApprovalPolicy(Kind.SINGLE, List.of(Objects.requireNonNull(role, "role")), 1, DEFAULT_TIMEOUT);
  }

  /**
   * Approval by the holder of a role, such as the team lead: {@link #single(String)} worded "Team lead approval"
   * in the runbook instead of "Single team-lead".
   *
   * @param role the role, for example {@code team-lead}
   * @return the policy, of kind {@link Kind#ROLE}, so that plans written with it keep their hash
   * @throws NullPointerException if {@code role} is null
   * @deprecated the same rule as {@link #single(String)}, which differs only in wording: use that
   */
  @Deprecated
  public static ApprovalPolicy role(String role) {
    ApprovalPolicy one = single(role);
    return new ApprovalPolicy(Kind.ROLE, one.roles(), one.quorum(), one.timeout());
  }

  /**
   * Approval by {@code quorum} distinct people, each holding one of the roles.
   *
   * @param roles the roles whose holders may approve
   * @param quorum how many distinct people must approve
   * @return the policy
   */
  public static ApprovalPolicy consensus(List<String> roles, int quorum) {
    return new ApprovalPolicy(Kind.CONSENSUS, roles, quorum, DEFAULT_TIMEOUT);
  }

  /**
   * Approval by {@code quorum} distinct people, each holding one of the roles.
   *
   * @param quorum how many distinct people must approve
   * @param roles the roles whose holders may approve
   * @return the policy
   */
  public static ApprovalPolicy consensus(int quorum, String... roles) {
    return consensus(Arrays.asList(roles), quorum);
  }

  /**
   * No sign-off needed: the team's discretion. Granted automatically and recorded; it does not cover
   * irreversible steps.
   *
   * @return the policy
   */
  public static ApprovalPolicy discretion() {
    return new ApprovalPolicy(Kind.DISCRETION, List.of(), 0, Duration.ZERO);
  }

  /**
   * The same policy with another wait.
   *
   * @param timeout how long to wait for the approvals
   * @return the new policy
   */
  public ApprovalPolicy withTimeout(Duration timeout) {
    return new ApprovalPolicy(kind, roles, quorum, timeout);
  }

  /**
   * Whether this policy asks people, and so may cover irreversible steps.
   *
   * @return {@code false} for {@link Kind#DISCRETION}
   */
  public boolean requiresPeople() {
    return kind != Kind.DISCRETION;
  }

  /**
   * The policy in the runbook's words: {@code Single maintainer}, {@code Team lead approval},
   * {@code Team consensus (2 of maintainer, team-lead, developer)}, {@code Team discretion}.
   *
   * @return the description
   */
  public String describe() {
    switch (kind) {
      case SINGLE:
        return "Single " + roles.get(0);
      case ROLE:
        return capitalize(roles.get(0).replace('-', ' ').replace('_', ' ')) + " approval";
      case CONSENSUS:
        return "Team consensus (" + quorum + " of " + String.join(", ", roles) + ")";
      default:
        return "Team discretion";
    }
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
