package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.github.GitHubChecks;
import dev.rollback.github.RunFilter;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.CheckResult;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.FakeRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Suspects from CI history (last green run's commit to the first red one's) and the "green again" guardrail. */
class SuspectsTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final RunFilter ci = workflow("ci.yml").onBranch("main");

  @Test
  void theSuspectsRunFromTheLastGreenCommitToTheFirstRedOne() throws Exception {
    List<FakeRun> runs = gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure", "success", "success",
        "cancelled", "failure", "failure", "failure");
    CheckResult r = gh.run.evaluate(GitHubChecks.suspects(ci).as("suspects"));
    assertThat(r.status()).as(r.summary()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(r.value()).hasValue(runs.get(2).headSha() + ".." + runs.get(4).headSha());
    assertThat(gh.run.outputs()).containsEntry("suspects", runs.get(2).headSha() + ".." + runs.get(4).headSha());
    assertThat(r.summary()).contains("green in run " + runs.get(2).id()).contains("first red in run "
        + runs.get(4).id());
    gh.github.assertNoViolations();
  }

  @Test
  void withoutARedRunAfterTheLastGreenThereAreNoSuspects() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure", "success", "cancelled");
    CheckResult r = gh.run.evaluate(GitHubChecks.suspects(ci));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.summary()).contains("no run of ci.yml on main failed after the newest successful one");
  }

  @Test
  void withoutAGreenRunThereIsNoGreenEnd() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure", "failure");
    CheckResult r = gh.run.evaluate(GitHubChecks.suspects(ci));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.summary()).contains("no green end");
  }

  @Test
  void whenCiIsGreenAgainTheGuardrailRefusesWithTheReason() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure", "failure");
    assertThat(gh.run.evaluate(GitHubChecks.stillRed(ci)).status()).isEqualTo(CheckResult.Status.PASSED);
    gh.ci.seedHistory("main", Duration.ofSeconds(1), "success");
    gh.clock.advance(Duration.ofMinutes(1));
    CheckResult again = AdapterHarness.builder(gh.adapter).clock(gh.clock).runId("run-2").build()
        .evaluate(GitHubChecks.stillRed(ci));
    assertThat(again.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(again.summary()).startsWith("refused: CI is green again").contains("no automatic revert");
    gh.github.assertNoViolations();
  }
}
