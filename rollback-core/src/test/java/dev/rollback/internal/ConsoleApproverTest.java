package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.ApprovalPolicy;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleApproverTest {

  static final Instant T0 = Instant.parse("2026-01-01T03:00:00Z");

  private static ConsoleApprover console(String input, ByteArrayOutputStream out) {
    return new ConsoleApprover(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static ApprovalRequest request(ApprovalPolicy policy) {
    return new ApprovalRequest("r1", "plan", "severity 'critical'", policy, "CI is broken", List.of("force push"), T0,
        T0.plusSeconds(900));
  }

  @Test
  void itAsksDistinctPeopleUntilTheQuorumIsMet() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Vote> votes = console("alice\nmaintainer\ny\nlooks right\nbob\nteam-lead\nyes\n\n", out)
        .requestApproval(request(ApprovalPolicy.consensus(2, "maintainer", "team-lead")));

    assertThat(votes).extracting(Vote::person, Vote::approve, Vote::via).containsExactly(
        org.assertj.core.groups.Tuple.tuple("alice", true, "console"),
        org.assertj.core.groups.Tuple.tuple("bob", true, "console"));
    assertThat(votes.get(0).roles()).containsExactly("maintainer");
    assertThat(votes.get(0).comment()).hasValue("looks right");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Approval needed for severity 'critical'",
        "irreversible: force push", "policy:  Team consensus (2 of maintainer, team-lead)");
  }

  @Test
  void aDenialOrABlankNameEndsTheQuestions() throws Exception {
    List<Vote> denied = console("carol\nn\nnot now\nalice\n", new ByteArrayOutputStream())
        .requestApproval(request(ApprovalPolicy.single("maintainer")));
    assertThat(denied).singleElement().satisfies(v -> {
      assertThat(v.approve()).isFalse();
      assertThat(v.roles()).containsExactly("maintainer");
    });
    assertThat(console("\n", new ByteArrayOutputStream()).requestApproval(request(ApprovalPolicy.single("x"))))
        .isEmpty();
  }

  @Test
  void aConfirmationIsAYesOrNoFromOnePerson() throws Exception {
    Optional<Vote> v = console("y\ndana\n", new ByteArrayOutputStream()).confirm(new ConfirmationRequest("r1", "plan",
        ConfirmationRequest.Kind.CHECK, "Backup current configuration files", T0, T0.plusSeconds(60)));
    assertThat(v).hasValueSatisfying(x -> {
      assertThat(x.person()).isEqualTo("dana");
      assertThat(x.approve()).isTrue();
    });
    assertThat(console("", new ByteArrayOutputStream()).confirm(new ConfirmationRequest("r1", "plan",
        ConfirmationRequest.Kind.CHECK, "x", T0, T0))).isEmpty();
  }

  @Test
  void aQuestionInterruptedByATimeoutLeavesNoReadStuckAndTheLateAnswerAnswersTheNextQuestion() throws Exception {
    java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
    ConsoleApprover c = new ConsoleApprover(new java.io.PipedInputStream(keyboard), new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.fixed(T0, ZoneOffset.UTC));
    ConfirmationRequest r = new ConfirmationRequest("r1", "plan", ConfirmationRequest.Kind.STEP, "Announce", T0,
        T0.plusSeconds(60));
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread asking = new Thread(() -> {
      try {
        c.confirm(r);
      } catch (Exception e) {
        failure.set(e);
      }
    });
    asking.start();
    asking.interrupt();
    asking.join(10_000);
    assertThat(asking.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(java.io.InterruptedIOException.class);

    keyboard.write("y\nerin\n".getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    assertThat(c.confirm(r)).hasValueSatisfying(v -> assertThat(v.person()).isEqualTo("erin"));
  }
}
