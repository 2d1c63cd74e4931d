package dev.rollback;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Runbook}: the plan rendered as the seed's Markdown runbook, the same bytes every time. */
class RunbookTest {

  @Test
  void renderingTwiceGivesTheSameBytes() {
    assertThat(Runbook.markdown(TestPlans.seed())).isEqualTo(Runbook.markdown(TestPlans.seed()))
        .isEqualTo(TestPlans.seed().toMarkdown());
  }

  @Test
  void anotherJvmWithAnotherLocaleTimeZoneAndCharsetRendersTheSameBytes(@TempDir Path dir) throws Exception {
    Path out = ChildJvm.print(dir, "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=America/St_Johns",
        "-Dfile.encoding=ISO-8859-1");

    assertThat(Files.readAllBytes(out.resolve("runbook.md")))
        .isEqualTo(TestPlans.seed().toMarkdown().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theRunbookHasTheSeedsSectionsInTheSeedsOrder() {
    List<String> headings = outsideCodeBlocks(TestPlans.seed().toMarkdown()).stream()
        .filter(l -> l.startsWith("## ")).collect(Collectors.toList());

    assertThat(headings).containsExactly("## Rollback triggers", "## Decision matrix", "## Pre-rollback assessment",
        "## Rollback readiness checklist", "## Rollback procedures", "## Post-rollback validation",
        "## Monitoring and alerting", "## Recovery procedures", "## Communication plan", "## Success criteria");
  }

  @Test
  void theDecisionMatrixHoldsTheFourSeedSeveritiesWithTriggersDeadlinesAndApprovals() {
    String md = TestPlans.seed().toMarkdown();

    assertThat(lines(md)).containsSequence(
        "| Severity | Description | Condition | Action | Deadline | Approval | Procedure |",
        "|---|---|---|---|---|---|---|",
        "| critical | CI completely broken, blocking all deployments | `trigger ci-broken` | Rollback within 1 hour"
            + " | 1 hour | Single maintainer | emergency |",
        "| high | Performance degradation > 50%, test failures > 5% | `trigger performance-degradation or trigger"
            + " test-reliability` | Rollback within 24 hours | 24 hours | Team lead approval | gradual |",
        "| medium | Performance degradation 20-50%, minor test instability | `test_execution_time > baseline"
            + " perf/baseline.json#test_execution_time + 20%` | Rollback within 1 week | 1 week | Team consensus"
            + " (2 of maintainer, team-lead, developer) | gradual |",
        "| low | Minor performance issues, cosmetic problems | `declared cosmetic` | Fix forward or rollback in next"
            + " sprint | next sprint | Team discretion | gradual |");
  }

  @Test
  void checklistsAreCheckboxesAndPhasesCarryTheirValidations() {
    String md = TestPlans.seed().toMarkdown();

    assertThat(lines(md)).contains(
        "- [ ] Backup current configuration files (confirmed by a person)",
        "#### Phase 1: Disable Docker test execution",
        "Action: Revert to direct pytest execution",
        "- [ ] `make quick-check`",
        "- [ ] performance within 300 s — `test_execution_time <= 300s`",
        "2. `scripts/cancel_ci.sh` — irreversible, timeout 2 minutes");
  }

  @Test
  void theProceduresAreDrawnAsAMermaidFlowchart() {
    String md = TestPlans.seed().toMarkdown();

    assertThat(md).contains("```mermaid\n" + Runbook.mermaid(TestPlans.seed()) + "```\n");
    assertThat(Runbook.mermaid(TestPlans.seed())).startsWith("flowchart TD\n");
    assertThat(Runbook.mermaid(TestPlans.seed())).contains(
        "  decide -->|\"critical: Rollback within 1 hour\"| approve1\n",
        "  subgraph proc0[\"Procedure: gradual\"]\n",
        "    p0_0v -->|fail| p0_0f([\"halt\"])\n");
  }

  @Test
  void markdownCharactersInNamesPrintAsThemselves() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .trigger("*bold* _it_ [link](http://x) <b>", "a | b `c` ~~s~~ $x$ &amp;", declared("x"))
        .severity(severity("# not a heading").description("1. not a list").when(declared("y"))
            .rollbackWithin(hours(24)).approval(single("maintainer")))
        .procedure(procedure("quo\"te|<pipe>")
            .phase(phase("`tick`").step(Steps.confirm("- not a list")).validate(Checks.confirm("ok"))))
        .successCriterion("ci_success_rate stays; _emphasis_ does not")
        .build();

    String md = plan.toMarkdown();

    assertThat(lines(md)).contains(
        "- **\\*bold\\* \\_it\\_ \\[link\\](http://x) \\<b>**: a \\| b \\`c\\` \\~\\~s\\~\\~ \\$x\\$ \\&amp; — `declared x`",
        "| \\# not a heading | 1\\. not a list | `declared y` | Rollback within 24 hours | 24 hours"
            + " | Single maintainer | gradual |",
        "### Procedure: quo\"te\\|\\<pipe>",
        "#### Phase 1: \\`tick\\`",
        "1. \\- not a list — by hand, reversible, timeout 5 minutes",
        "- ci_success_rate stays; \\_emphasis\\_ does not");
    assertThat(Runbook.mermaid(plan)).contains("subgraph proc2[\"Procedure: quo#quot;te#124;#lt;pipe#gt;\"]",
        "[\"Phase 1: #96;tick#96;\"]");
  }

  @Test
  void controlCharactersAndLineBreaksNeverReachTheRunbook() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .trigger("bell\u0007", "two\nlines", declared("x"))
        .build();

    assertThat(lines(plan.toMarkdown())).contains("- **bell\\\\u0007**: two lines — `declared x`");
  }

  private static List<String> outsideCodeBlocks(String md) {
    List<String> out = new java.util.ArrayList<>();
    boolean inFence = false;
    for (String line : lines(md)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      } else if (!inFence) {
        out.add(line);
      }
    }
    return out;
  }

  private static List<String> lines(String md) {
    return Arrays.asList(md.split("\n", -1));
  }
}
