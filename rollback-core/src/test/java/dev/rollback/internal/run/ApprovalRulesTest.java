package dev.rollback.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.ApprovalPolicy;
import dev.rollback.report.RollbackReport.ApprovalOutcome;
import dev.rollback.spi.Vote;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

  static final Instant NOW = Instant.parse("2026-01-01T03:00:00Z");
  static final Instant EXPIRES = NOW.plusSeconds(900);

  private static Vote vote(String who, String role, boolean yes) {
    return new Vote(who, Set.of(role), yes, NOW, "test", Optional.empty());
  }

  @Test
  void oneVoteFromAPersonHoldingTheRoleMeetsASinglePolicy() {
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.single("maintainer"),
        List.of(vote("alice", "maintainer", true)), EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.GRANTED);
    assertThat(v.explanation()).isEqualTo("approved by alice under single maintainer");
  }

  @Test
  void aVoteFromSomeoneWithoutTheRoleDoesNotCount() {
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.role("team-lead"),
        List.of(vote("dave", "developer", true)), EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
    assertThat(v.votes().get(0).counted()).isFalse();
  }

  @Test
  void anEligibleDenialDeniesWhateverTheApprovals() {
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.consensus(2, "maintainer", "team-lead"),
        List.of(vote("alice", "maintainer", true), vote("bob", "team-lead", true), vote("carol", "maintainer", false)),
        EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.DENIED);
    assertThat(v.explanation()).isEqualTo("denied by carol");
  }

  @Test
  void aDenialFromSomeoneWithoutTheRoleIsIgnored() {
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.single("maintainer"),
        List.of(vote("eve", "intern", false), vote("alice", "maintainer", true)), EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.GRANTED);
  }

  @Test
  void theSamePersonTwiceCountsOnceTowardsAQuorum() {
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.consensus(2, "maintainer", "team-lead"),
        List.of(vote("alice", "maintainer", true), vote("ALICE", "team-lead", true)), EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
    assertThat(v.votes()).extracting(r -> r.counted()).containsExactly(true, false);
  }

  @Test
  void aVoteAfterTheRequestExpiredDoesNotCount() {
    Vote late = new Vote("alice", Set.of("maintainer"), true, EXPIRES.plusSeconds(1), "test", Optional.empty());
    ApprovalRules.Verdict v = ApprovalRules.evaluate(ApprovalPolicy.single("maintainer"), List.of(late), EXPIRES);
    assertThat(v.outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
  }
}
