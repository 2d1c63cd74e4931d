package dev.rollback.github.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.NotificationEvent;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.testkit.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollback and recovery notifications as issues and comments. */
class NotifierTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private static Notification note(String run, String message, NotificationEvent event, String title) {
    return new Notification(run, message, event, title, "Docker CI test execution has been rolled back due to"
        + " failing CI.", Map.of("reason", "failing CI"));
  }

  @Test
  void theFirstMessageOfARunOpensAnIssueAndLaterOnesCommentOnIt() throws Exception {
    GitHubNotifier notifier = GitHubNotifier.issuePerRun(gh.adapter, "rollback");

    Delivery started = notifier.send(note("run-1", "rollback", NotificationEvent.ROLLBACK_STARTED,
        "P3-007 Rollback Notification"));
    Delivery done = notifier.send(note("run-1", "recovery", NotificationEvent.RECOVERY_COMPLETED,
        "P3-007 Recovery Notification"));

    assertThat(started.channel()).isEqualTo("github");
    assertThat(started.location()).isEqualTo(gh.github.baseUrl() + "/acme/shop/issues/1");
    assertThat(gh.repo.issue(1).title()).isEqualTo("P3-007 Rollback Notification");
    assertThat(gh.repo.issue(1).labels()).containsExactly("rollback");
    assertThat(done.location()).startsWith(gh.github.baseUrl() + "/acme/shop/issues/1#issuecomment-");
    assertThat(gh.repo.issue(1).comments()).singleElement().satisfies(c ->
        assertThat(c.body()).startsWith("### P3-007 Recovery Notification\n\nDocker CI test execution"));
  }

  @Test
  void afterARestartTheRunsIssueIsFoundAgain() throws Exception {
    GitHubNotifier.issuePerRun(gh.adapter).send(note("run-1", "rollback", NotificationEvent.ROLLBACK_STARTED, "A"));
    Delivery later = GitHubNotifier.issuePerRun(gh.adapter).send(note("run-1", "done",
        NotificationEvent.ROLLBACK_COMPLETED, "B"));
    assertThat(later.location()).contains("/issues/1#issuecomment-");
    assertThat(gh.repo.issues()).hasSize(1);
  }

  @Test
  void commentsOnAGivenIssue() throws Exception {
    int tracker = gh.repo.openIssue("Incidents", "", "maria").number();
    Delivery d = GitHubNotifier.commentOn(gh.adapter, tracker).send(note("run-1", "rollback",
        NotificationEvent.ROLLBACK_COMPLETED, "Rolled back"));
    assertThat(d.location()).contains("/issues/" + tracker + "#issuecomment-");
  }

  @Test
  void aMessageWhoseAnswerIsLostIsFoundNotPostedTwice() throws Exception {
    gh.github.inject("issues/create", Fault.lostResponse());
    Delivery d = GitHubNotifier.newIssue(gh.adapter).send(note("run-1", "rollback",
        NotificationEvent.ROLLBACK_STARTED, "Rolled back"));
    assertThat(d.location()).endsWith("/acme/shop/issues/1");
    assertThat(gh.repo.issues()).hasSize(1);
    assertThat(gh.github.requestCount("issues/create")).isEqualTo(1);
  }
}
