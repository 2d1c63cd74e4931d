package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code role(role)} is {@code single(role)} worded otherwise, and keeps its kind so that plans keep their hash. */
class ApprovalPolicyTest {

  @Test
  @SuppressWarnings("deprecation")
  void roleIsSingleWordedOtherwiseAndKeepsItsKind() {
    ApprovalPolicy role = Rollback.role("team-lead");
    ApprovalPolicy single = Rollback.single("team-lead");

    assertThat(role.kind()).isEqualTo(ApprovalPolicy.Kind.ROLE);
    assertThat(role.roles()).isEqualTo(single.roles());
    assertThat(role.quorum()).isEqualTo(single.quorum());
    assertThat(role.timeout()).isEqualTo(single.timeout());
    assertThat(role.requiresPeople()).isEqualTo(single.requiresPeople());
    assertThat(role.describe()).isEqualTo("Team lead approval");
    assertThat(single.describe()).isEqualTo("Single team-lead");
  }
}
