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
  }

  /**
   * With standard input at its end (no terminal, {@code </dev/null}) and no {@code --yes}, a run used to end
   * NOT_APPROVED "before the request expired at" a time 15 minutes ahead; now nobody-can-answer is said at once,
   * with what to do instead.
   */
  @Test
  void standardInputAtItsEndSaysNobodyCanAnswerAndHowToApproveInstead() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> console("", new ByteArrayOutputStream())
        .requestApproval(request(ApprovalPolicy.single("maintainer"))))
        .isInstanceOf(ConsoleApprover.EndOfInputException.class)
        .hasMessage("nobody can answer: standard input is at its end (no terminal to ask on); run it where someone"
            + " can answer, or approve another way (the launcher's --yes approves as you)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> console("", new ByteArrayOutputStream())
        .confirm(new ConfirmationRequest("r1", "plan", ConfirmationRequest.Kind.CHECK, "x", T0, T0)))
        .isInstanceOf(ConsoleApprover.EndOfInputException.class).hasMessageStartingWith("nobody can answer");
  }

  @Test
  void textFromOutsideIsShownWithItsControlCharactersEscaped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    console("\n", out).requestApproval(new ApprovalRequest("r1", "plan", "severity 'critical'",
        ApprovalPolicy.single("maintainer"), "revert \"fix\u001b]0;owned\u0007\rdone\"", List.of(), T0, T0));

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("reason:  revert \"fix\\u001b]0;owned\\u0007\\u000ddone\"")
        .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
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
