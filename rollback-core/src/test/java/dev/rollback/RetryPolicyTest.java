package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy}: attempts, growing waits, their cap, and the rules a policy must keep. */
class RetryPolicyTest {

  @Test
  void theDefaultIsOneAttemptWithoutWaiting() {
    RetryPolicy none = RetryPolicy.none();

    assertThat(none.maxAttempts()).isEqualTo(1);
    assertThat(none.totalDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void waitsDoubleFromOneSecondUpToAMinute() {
    RetryPolicy policy = RetryPolicy.times(10);

    assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayBefore(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(policy.delayBefore(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.delayBefore(0)).isEqualTo(Duration.ZERO);
    // 1 + 2 + 4 + 8 + 16 + 32 seconds, then 3 capped waits of a minute.
    assertThat(policy.totalDelay()).isEqualTo(Duration.ofSeconds(63 + 180));
  }

  @Test
  void theTotalWaitOfManyAttemptsIsComputedWithoutWalkingEachOne() {
    RetryPolicy policy = RetryPolicy.times(Integer.MAX_VALUE).withDelay(Duration.ofSeconds(10))
        .withMaxDelay(Duration.ofSeconds(10));

    assertThat(policy.totalDelay()).isEqualTo(Duration.ofSeconds(10L * (Integer.MAX_VALUE - 1)));
  }

  @Test
  void aLongerFirstDelayRaisesTheCapWithIt() {
    RetryPolicy policy = RetryPolicy.times(3).withDelay(Duration.ofMinutes(2)).withMultiplier(1.0);

    assertThat(policy.maxDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.totalDelay()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void policiesBreakingARuleAreRefusedWithTheRuleAndTheValue() {
    assertThatThrownBy(() -> RetryPolicy.times(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> RetryPolicy.times(2).withDelay(Duration.ofSeconds(-1)))
        .hasMessage("delay must not be negative, was PT-1S");
    assertThatThrownBy(() -> RetryPolicy.times(2).withMultiplier(0.5))
        .hasMessage("multiplier must be at least 1, was 0.5");
    assertThatThrownBy(() -> RetryPolicy.times(2).withMultiplier(Double.NaN))
        .hasMessage("multiplier must be at least 1, was NaN");
    assertThatThrownBy(() -> RetryPolicy.times(2).withMaxDelay(Duration.ofMillis(10)))
        .hasMessage("maxDelay PT0.01S must not be shorter than delay PT1S");
    assertThatThrownBy(() -> RetryPolicy.times(2).withDelay(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("delay");
  }

  @Test
  void policiesAreValues() {
    assertThat(RetryPolicy.times(3)).isEqualTo(RetryPolicy.times(3)).isNotEqualTo(RetryPolicy.times(4));
  }
}
