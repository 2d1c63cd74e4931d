package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.report.RollbackReport.ApprovalOutcome;
import dev.rollback.report.RollbackReport.VoteReport;
import dev.rollback.spi.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks votes against an approval policy, so that an approver cannot grant more than the people did. A vote
 * counts when it is on time and its person holds one of the policy's roles; each person counts once (names
 * compared ignoring case and surrounding blanks); any counted denial denies; otherwise the policy is met when the
 * distinct approving people reach its quorum ({@code 1} for single and role).
 */
public final class ApprovalRules {

  private ApprovalRules() {}

  /**
   * The outcome of votes under a policy.
   *
   * @param outcome granted, denied or expired
   * @param votes each vote, whether it counted and why not
   * @param explanation the outcome in a sentence
   */
  public record Verdict(ApprovalOutcome outcome, List<VoteReport> votes, String explanation) {}

  /**
   * Evaluates votes.
   *
   * @param policy a policy that asks people
   * @param votes the votes gathered
   * @param expiresAt votes after this instant do not count
   * @return the verdict
   */
  public static Verdict evaluate(ApprovalPolicy policy, List<Vote> votes, Instant expiresAt) {
    int quorum = policy.kind() == ApprovalPolicy.Kind.CONSENSUS ? policy.quorum() : 1;
    Set<String> roles = new LinkedHashSet<>(policy.roles());
    Set<String> approvers = new LinkedHashSet<>();
    Set<String> seen = new java.util.HashSet<>();
    List<String> approverNames = new ArrayList<>();
    List<String> deniers = new ArrayList<>();
    List<VoteReport> reports = new ArrayList<>();
    for (Vote v : votes) {
      String who = v.person().strip().toLowerCase(Locale.ROOT);
      Optional<String> note = Optional.empty();
      boolean eligible = v.roles().stream().anyMatch(roles::contains);
      if (v.at().isAfter(expiresAt)) {
        note = Optional.of("arrived after the request expired at " + expiresAt);
      } else if (!eligible) {
        note = Optional.of(v.person() + " holds none of the roles " + String.join(", ", roles)
            + (v.roles().isEmpty() ? "" : " (holds " + String.join(", ", new TreeSet<>(v.roles())) + ")"));
      } else if (!seen.add(who + ":" + v.approve())) {
        note = Optional.of(v.person() + " already " + (v.approve() ? "approved" : "denied") + "; counted once");
      }
      boolean counted = note.isEmpty();
      if (counted) {
        if (v.approve()) {
          if (approvers.add(who)) {
            approverNames.add(v.person());
          }
        } else {
          deniers.add(v.person() + v.comment().map(c -> " (\"" + c + "\")").orElse(""));
        }
      }
      reports.add(new VoteReport(v.person(), new ArrayList<>(new TreeSet<>(v.roles())), v.approve(), v.at(), v.via(),
          v.comment(), counted, note));
    }
    if (!deniers.isEmpty()) {
      return new Verdict(ApprovalOutcome.DENIED, reports, "denied by " + String.join(", ", deniers));
    }
    if (approvers.size() >= quorum) {
      return new Verdict(ApprovalOutcome.GRANTED, reports, "approved by " + String.join(", ", approverNames)
          + " under " + policy.describe().toLowerCase(Locale.ROOT));
    }
    return new Verdict(ApprovalOutcome.EXPIRED, reports, approvers.size() + " of " + quorum
        + (quorum == 1 ? " approval" : " approvals") + " from distinct people holding " + String.join(" or ", roles)
        + " before the request expired at " + expiresAt);
  }
}
