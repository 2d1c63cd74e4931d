package dev.rollback;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.secret;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans are values: equality, copy-and-tweak, and a hash that is the same on every JVM and machine. */
class PlanValueTest {

  /**
   * The hash of {@link TestPlans#seed()}. It changes only when the seed plan or the canonical form changes; a
   * change of the canonical form makes every journal written before it unresumable, so change it deliberately.
   */
  private static final String SEED_HASH = "f2e7c123736dda8d312181f2041cbf493779b36d77c1dd47c1e13b710092051f";

  @Test
  void equalPlansAreEqualAndHashEqually() {
    RollbackPlan a = TestPlans.seed();
    RollbackPlan b = TestPlans.seed();

    assertThat(a).isNotSameAs(b).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(a.canonicalJson()).isEqualTo(b.canonicalJson());
  }

  @Test
  void theHashOfAFixedPlanIsPinned() {
    assertThat(TestPlans.seed().hash()).isEqualTo(SEED_HASH);
  }

  @Test
  void theHashIsTheSameInAnotherJvmWithAnotherLocaleTimeZoneAndCharset(@TempDir Path dir) throws Exception {
    RollbackPlan plan = TestPlans.seed();

    Path out = ChildJvm.print(dir, "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Asia/Kathmandu",
        "-Dfile.encoding=ISO-8859-1");

    assertThat(ChildJvm.read(out.resolve("hash.txt"))).isEqualTo(plan.hash()).isEqualTo(SEED_HASH);
    assertThat(ChildJvm.read(out.resolve("plan.json"))).isEqualTo(plan.canonicalJson());
  }

  @Test
  void aDifferentPlanHashesDifferently() {
    RollbackPlan plan = TestPlans.seed();
    RollbackPlan other = RollbackPlan.builder().from(plan).summary("for service B").build();

    assertThat(other).isNotEqualTo(plan);
    assertThat(other.hash()).isNotEqualTo(plan.hash());
  }

  @Test
  void copyAndTweakChangesOnlyWhatIsTweakedAndLeavesTheOriginalAlone() {
    RollbackPlan plan = TestPlans.seed();

    RollbackPlan copy = RollbackPlan.builder().from(plan).build();
    RollbackPlan tweaked = RollbackPlan.builder().from(plan)
        .summary("for service B")
        .severity(severity("blocker").when(declared("blocker")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .build();

    assertThat(copy).isEqualTo(plan);
    assertThat(tweaked.summary()).isEqualTo("for service B");
    assertThat(tweaked.severities()).hasSize(plan.severities().size() + 1)
        .startsWith(plan.severities().toArray(new SeverityLevel[0]));
    assertThat(tweaked.procedures()).isEqualTo(plan.procedures());
    assertThat(plan).isEqualTo(TestPlans.seed());
  }

  @Test
  void partsOfAPlanAreCopiedAndTweakedTheSameWay() {
    SeverityLevel high = TestPlans.seed().severity("high").orElseThrow();
    SeverityLevel faster = SeverityLevel.builder().from(high).rollbackWithin(hours(4)).build();
    Step step = Steps.command("make", "revert");
    Step retried = step.retry(RetryPolicy.times(3)).timeout(Duration.ofMinutes(2)).as("reverted");

    assertThat(faster.response().deadlineText()).isEqualTo("4 hours");
    assertThat(faster.approval()).isEqualTo(high.approval());
    assertThat(step.retry()).isEqualTo(RetryPolicy.none());
    assertThat(step.output()).isEmpty();
    assertThat(retried.output()).contains("reverted");
    assertThat(retried.with("note", "x")).isNotEqualTo(retried);
  }

  @Test
  void theOrderInWhichParametersWereGivenDoesNotChangeAStepOrTheHash() {
    Map<String, Object> forward = new LinkedHashMap<>();
    forward.put("file", path("ci.yml"));
    forward.put("from", ref("culprit"));
    forward.put("attempts", 3);
    Map<String, Object> backward = new LinkedHashMap<>();
    backward.put("attempts", 3);
    backward.put("from", ref("culprit"));
    backward.put("file", path("ci.yml"));
    Map<String, Object> hashed = new HashMap<>(forward);

    Step a = Step.of("test.restore", "restore", Effect.REVERSIBLE, forward);
    Step b = Step.of("test.restore", "restore", Effect.REVERSIBLE, backward);
    Step c = Step.of("test.restore", "restore", Effect.REVERSIBLE, hashed);

    assertThat(a).isEqualTo(b).isEqualTo(c);
    assertThat(hashOfPlanWith(a)).isEqualTo(hashOfPlanWith(b)).isEqualTo(hashOfPlanWith(c));
  }

  @Test
  void theCanonicalFormIsCompactJsonWithIsoDurationsAndNamesSecretsNeverTheirValues() {
    Step step = Steps.run(Command.of("scripts/notify.sh").env("TOKEN", secret("SLACK_TOKEN")))
        .timeout(Duration.ofSeconds(90)).requiresApproval(single("maintainer"));
    String json = planWith(step).canonicalJson();

    assertThat(json).startsWith("{\"format\":\"rollback-plan/1\",\"name\":\"P3-007 Docker CI test execution\"")
        .doesNotContain("\n")
        .contains("\"severities\":[{\"name\":\"critical\",\"description\":")
        .contains("\"timeout\":\"PT1M30S\"")
        .contains("{\"$arg\":\"secret\",\"text\":\"secret:SLACK_TOKEN\"}")
        .contains("\"defaultTimeout\":\"PT5M\"");
  }

  @Test
  void numbersAreWrittenTheSameWhateverTheirDecimalExpansion() {
    Step half = Step.of("test.n", "n", Effect.READ_ONLY, Map.of("ratio", 0.1, "whole", 2.0, "count", 2L));

    assertThat(planWith(half).canonicalJson())
        .contains("{\"count\":2,\"ratio\":0.1000000000000000055511151231257827021181583404541015625,\"whole\":2}");
  }

  private static RollbackPlan planWith(Step step) {
    return RollbackPlan.builder().from(TestPlans.seed())
        .procedures(List.of())
        .emergencyProcedure(java.util.Optional.empty())
        .procedure(Rollback.procedure("gradual")
            .phase(Rollback.phase("Only").step(step).validate(Checks.confirm("Done"))))
        .build();
  }

  private static String hashOfPlanWith(Step step) {
    return planWith(step).hash();
  }
}
