package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Phase;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The GitHub parts of the P3-007 plan: where the runbook's gh commands went. */
class P3007GitHubPartsTest {

  private static final RollbackPlan PLAN = P3007Plan.plan();

  @Test
  void theAssessmentReadsCiStatusAndReliabilityOfTheLastTenRuns() {
    assertThat(PLAN.assessment()).filteredOn(s -> s.kind().startsWith("github."))
        .extracting(Signal::displayName)
        .containsExactly("ci_success_rate", "ci_last_run_succeeded", "ci_runs_in_progress", "ci_run_time");
    assertThat(PLAN.assessment().get(0).params()).containsEntry("workflow", "ci.yml").containsEntry("runs", 10);
  }

  @Test
  void theEmergencyStopsCiFirstAndVerifiesItLast() {
    var phases = PLAN.procedure("emergency").orElseThrow().phases();
    Step cancel = phases.get(0).steps().get(0);
    assertThat(cancel.kind()).isEqualTo(GitHubSteps.CANCEL_RUNS);
    assertThat(phases.get(0).validations().get(0).kind()).isEqualTo(GitHubChecks.NO_RUNS_IN_PROGRESS);
    Phase verify = phases.get(phases.size() - 1);
    assertThat(verify.steps()).extracting(Step::kind).containsExactly(GitHubSteps.DISPATCH, GitHubSteps.AWAIT_RUN);
    assertThat(verify.validations().get(0).kind()).isEqualTo(GitHubChecks.CI_PASSING);
  }

  @Test
  void monitoringAlertsWhenCiReliabilityDropsBelowNinetyFivePercent() {
    assertThat(PLAN.monitoring().orElseThrow().rules().stream().map(r -> r.name()).collect(Collectors.toList()))
        .contains("ci_success_rate");
    assertThat(PLAN.toMarkdown()).contains("ci_success_rate < 95%").contains("Immediate investigation");
    assertThat(PLAN.triggers()).anySatisfy(t -> assertThat(t.condition().signals()).extracting(Signal::kind)
        .contains(GitHubSignals.SUCCESS_RATE));
  }
}
