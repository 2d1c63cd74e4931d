package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Check;
import dev.rollback.RepoPath;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Signal;
import dev.rollback.examples.cli.PlanScript;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The P3-007 runbook as a plan: valid, the same in Java and in JShell, and rendered back as the runbook. */
class P3007PlanTest {

  private static final RollbackPlan PLAN = P3007Plan.plan();

  @Test
  void thePlanHasNoProblems() {
    assertThat(PLAN.check().problems()).isEmpty();
  }

  /**
   * The P3-007 plan's hash: it changes only when the plan or the canonical form changes, and a change of the
   * canonical form makes every journal written before it unresumable, so change it deliberately.
   */
  @Test
  void theHashOfTheP3007PlanIsPinned() {
    assertThat(PLAN.hash()).isEqualTo("0d05854d1c3c7d3b78811467a19be965239833a1cd36481377cc38cb9add0f73");
  }

  @Test
  void theJShellScriptBuildsTheSamePlan() {
    RollbackPlan fromScript = PlanScript.evaluate(Path.of("jshell", "p3-007.jsh"));

    assertThat(fromScript.hash()).isEqualTo(PLAN.hash());
    assertThat(fromScript).isEqualTo(PLAN);
  }

  @Test
  void theDecisionMatrixIsTheSeeds() {
    assertThat(PLAN.severities()).extracting(SeverityLevel::name).containsExactly("critical", "high", "medium", "low");
    assertThat(PLAN.severities()).extracting(s -> s.response().deadlineText())
        .containsExactly("1 hour", "24 hours", "1 week", "next sprint");
    assertThat(PLAN.severities()).extracting(s -> s.approval().kind()).containsExactly(ApprovalPolicy.Kind.SINGLE,
        ApprovalPolicy.Kind.ROLE, ApprovalPolicy.Kind.CONSENSUS, ApprovalPolicy.Kind.DISCRETION);
    assertThat(PLAN.severity("critical").orElseThrow().procedure()).contains("emergency");
  }

  @Test
  void theRunbookShowsTheFourSeveritiesWithTriggersDeadlinesAndApprovals() {
    List<String> rows = PLAN.toMarkdown().lines().filter(l -> l.startsWith("| ")).collect(Collectors.toList());

    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(
        "| critical | CI completely broken, blocking all deployments | `trigger ci-broken` | Rollback within 1 hour"
            + " | 1 hour | Single maintainer | emergency |"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| high | Performance degradation > 50%, test failures"
        + " > 5% |").contains("| Rollback within 24 hours | 24 hours | Team lead approval | gradual |"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| medium | Performance degradation 20-50%, minor test"
        + " instability |").contains("| 1 week | Team consensus (2 of maintainer, team-lead, developer) |"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| low | Minor performance issues, cosmetic problems |")
        .contains("| Fix forward or rollback in next sprint | next sprint | Team discretion |"));
  }

  @Test
  void theRunbookHasTheSeedsProceduresAndAMermaidFlowchart() {
    String md = PLAN.toMarkdown();

    assertThat(md).contains("```mermaid\nflowchart TD\n",
        "#### Phase 1: Disable Docker test execution",
        "#### Phase 2: Remove Docker test infrastructure",
        "#### Phase 3: Restore original test scripts",
        "### Emergency procedure: emergency",
        "- [ ] Identify rollback commit hash — `git.findCommit` `{grep=P3-007, pick=oldest}`, binds `culprit`",
        "- [ ] Validate performance — `test_execution_time <= 300s`",
        "| test_execution_time | `test_execution_time > baseline perf/baseline.json#test_execution_time + 50%`"
            + " | Performance analysis |",
        "### hybrid (hybrid recovery)",
        "Keep: Docker infrastructure, Service configurations",
        "# P3-007 Rollback Notification\n\n## Summary\n",
        "## Impact\n", "## Timeline\n", "## Next Steps\n",
        "# P3-007 Recovery Notification\n\n## Summary\n",
        "## Changes\n", "## Validation\n", "## Support\n",
        "- Communication plan effectively executed");
  }

  @Test
  void theDockerPartsComeFromTheDockerAdapter() {
    assertThat(PLAN.assessment()).extracting(Signal::kind)
        .contains("docker.diskUsage", "docker.events");
    assertThat(PLAN.healthChecks()).filteredOn(c -> c.kind().equals("docker.noOrphanedContainers"))
        .extracting(Check::name).containsExactly("No resource leaks or orphaned processes");
    assertThat(PLAN.recoveries()).allSatisfy(r -> assertThat(r.validations()).extracting(Check::name)
        .containsExactly("Validate core functionality", "Validate Docker implementation", "Validate performance"));
    assertThat(PLAN.recoveries().get(0).validations().get(1).params())
        .containsEntry("file", new RepoPath("docker-compose.test.yml")).containsEntry("service", "test");
    assertThat(PLAN.toMarkdown()).contains("Validate Docker implementation", "docker_events_last_hour");
  }

  @Test
  void thePerformanceTriggerReadsTheBenchmarkAgainstTheBaselineFile() {
    assertThat(PLAN.trigger("performance-degradation").orElseThrow().condition().describe())
        .isEqualTo("test_execution_time > baseline perf/baseline.json#test_execution_time + 50%");
    assertThat(PLAN.trigger("security-vulnerability").orElseThrow().condition().describe())
        .isEqualTo("declared security-vulnerability");
  }
}
