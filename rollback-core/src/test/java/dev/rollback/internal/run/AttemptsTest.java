package dev.rollback.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptsTest {

  @Test
  void aCallReturnsItsValueOrItsFailure() throws Exception {
    assertThat(Attempts.call(Duration.ofSeconds(5), () -> 42).value()).isEqualTo(42);
    Attempts.Outcome<Object> failed = Attempts.call(Duration.ofSeconds(5), () -> {
      throw new IllegalStateException("no");
    });
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).hasMessage("no");
  }

  @Test
  void aCallPastItsTimeoutIsInterruptedAndTheWorkerCarriesNoInterruptToTheNextCall() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Attempts.Outcome<Object> o = Attempts.call(Duration.ofMillis(50), () -> {
      never.await();
      return null;
    });
    assertThat(o.timedOut()).isTrue();
    assertThat(o.stopped()).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(Attempts.call(Duration.ofSeconds(5), () -> Thread.currentThread().isInterrupted()).value())
          .isFalse();
    }
  }

  @Test
  void aCallThatIgnoresItsInterruptIsReportedAsNotStopped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Attempts.Outcome<Object> o = Attempts.call(Duration.ofMillis(50), () -> {
      while (true) {
        try {
          if (release.await(1, TimeUnit.SECONDS)) {
            return null;
          }
        } catch (InterruptedException ignored) {
          // a handler that will not stop
        }
      }
    });
    release.countDown();
    assertThat(o.timedOut()).isTrue();
    assertThat(o.stopped()).isFalse();
  }

  @Test
  void aCallerInterruptedWhileWaitingInterruptsTheCallToo() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        Attempts.call(Duration.ofMinutes(1), () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return null;
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    caller.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    caller.join(10_000);
  }
}
