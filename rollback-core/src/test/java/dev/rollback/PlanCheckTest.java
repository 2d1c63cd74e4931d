package dev.rollback;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.consensus;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.template;
import static dev.rollback.Rollback.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.PlanProblem.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link RollbackPlan#check()}: one test per rule, each asserting the path of the offending element. */
class PlanCheckTest {

  private static final String GRADUAL = "procedures[gradual]";
  private static final String FIRST_PHASE = GRADUAL + ".phases[Disable Docker test execution]";

  @Test
  void theSeedPlanHasNoProblems() {
    PlanCheck check = TestPlans.seed().check();

    assertThat(check.problems()).isEmpty();
    assertThat(check.isValid()).isTrue();
    assertThat(check).hasToString("plan 'P3-007 Docker CI test execution' has no problems");
  }

  @Test
  void aPhaseWithoutStepsIsReportedAtItsPath() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Nothing to do").validate(Checks.command("make", "quick-check"))));

    assertThat(lines(plan, Rule.EMPTY)).containsExactly(GRADUAL + ".phases[Nothing to do]: phase has no steps");
  }

  @Test
  void aProcedureWithoutPhasesIsReported() {
    RollbackPlan plan = withGradual(procedure("gradual"));

    assertThat(lines(plan, Rule.EMPTY)).containsExactly(GRADUAL + ": procedure has no phases");
  }

  @Test
  void aPhaseWithoutValidationIsReported() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Unchecked").step(Steps.command("make", "revert"))));

    assertThat(lines(plan, Rule.NO_VALIDATION))
        .containsExactly(GRADUAL + ".phases[Unchecked]: phase has no validation to gate the next phase");
  }

  @Test
  void duplicateNamesAreReportedOnceEachWithTheListTheyShare() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .trigger("ci-broken", "again", declared("again"))
        .severity(severity("low").when(declared("x")).fixForward().approval(discretion()))
        .procedure(procedure("twice")
            .phase(phase("Same").step(Steps.confirm("Do it"), Steps.confirm("Do it"), Steps.confirm("Do it"))
                .validate(Checks.confirm("Done")))
            .phase(phase("Same").step(Steps.confirm("Other")).validate(Checks.confirm("Done"))))
        .build();

    assertThat(lines(plan, Rule.DUPLICATE_NAME)).containsExactly(
        "triggers[ci-broken]: duplicate name 'ci-broken'",
        "severities[low]: duplicate name 'low'",
        "procedures[twice].phases[Same]: duplicate name 'Same'",
        "procedures[twice].phases[Same].steps[Do it]: duplicate name 'Do it'");
  }

  @Test
  void duplicateNamesInALongListAreReportedOnceEachToo() {
    Phase.Builder longPhase = phase("Long").validate(Checks.confirm("Done"));
    for (int i = 0; i < 20; i++) {
      longPhase.step(Steps.confirm(i % 7 == 3 ? "Do it" : "Step " + i));
    }
    RollbackPlan plan = withGradual(procedure("gradual").phase(longPhase));

    assertThat(lines(plan, Rule.DUPLICATE_NAME))
        .containsExactly(GRADUAL + ".phases[Long].steps[Do it]: duplicate name 'Do it'");
  }

  @Test
  void anOutputBoundTwiceInOneRunIsADuplicate() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Find").step(TestPlans.find("culprit"), TestPlans.find("culprit").named("find again"))
            .validate(Checks.confirm("Found"))));

    assertThat(lines(plan, Rule.DUPLICATE_NAME)).containsExactly(
        GRADUAL + ".phases[Find].steps[find again].output: output 'culprit' is already bound by "
            + GRADUAL + ".phases[Find].steps[find culprit]");
  }

  @Test
  void aReferenceToAnOutputNoEarlierStepBindsIsReported() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Use").step(TestPlans.restore("ci.yml")).validate(Checks.confirm("Restored")))
        .phase(phase("Bind too late").step(TestPlans.find("culprit")).validate(Checks.confirm("Found"))));

    assertThat(lines(plan, Rule.UNBOUND_REFERENCE)).containsExactly(
        GRADUAL + ".phases[Use].steps[restore ci.yml].params.from: refers to output 'culprit' that no earlier step or"
            + " check binds");
  }

  @Test
  void templatesAndRefNamesReferToOutputsToo() {
    Step announce = Step.of("test.note", "announce", Effect.REVERSIBLE,
        Map.of("text", template("reverting {{commit}} on {{run.date}}"), "branch", branch("fix-{{ticket}}")));
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Announce").step(announce).validate(Checks.confirm("Announced"))));

    assertThat(lines(plan, Rule.UNBOUND_REFERENCE)).containsExactlyInAnyOrder(
        GRADUAL + ".phases[Announce].steps[announce].params.text: refers to output 'commit' that no earlier step or"
            + " check binds",
        GRADUAL + ".phases[Announce].steps[announce].params.branch: refers to output 'ticket' that no earlier step or"
            + " check binds");
  }

  @Test
  void aChecklistBindingServesEveryProcedureAndAValidationBindingServesLaterPhases() {
    RollbackPlan plan = RollbackPlan.builder().from(withGradual(procedure("gradual")
            .phase(phase("Restore").step(TestPlans.restore("ci.yml"))
                .validate(Check.of("test.measure", "measure", Map.of()).as("measured")))
            .phase(phase("Use the measure")
                .step(Step.of("test.note", "note", Effect.REVERSIBLE, Map.of("value", ref("measured"))))
                .validate(Checks.confirm("Noted")))))
        .checklist(Check.of("test.identify", "identify the culprit", Map.of()).as("culprit"))
        .build();

    assertThat(plan.check().problems(Rule.UNBOUND_REFERENCE)).isEmpty();
  }

  @Test
  void aCheckConditionMayMeasureWithAnEarlierOutputButATriggerMayNot() {
    Signal perCommit = Signals.commandNumber(Command.of("scripts/time_of.sh").env("COMMIT", ref("culprit")),
        "(\\d+)");
    RollbackPlan plan = RollbackPlan.builder().from(withGradual(procedure("gradual")
            .phase(phase("Restore").step(TestPlans.find("culprit"))
                .validate(Checks.that(perCommit.atMost(300)).named("fast enough")))))
        .trigger("slow-commit", "A slow commit", perCommit.above(300))
        .build();

    assertThat(lines(plan)).containsExactly("triggers[slow-commit].condition.signal.env.COMMIT: refers to output"
        + " 'culprit'; signals are measured before any step runs");
  }

  @Test
  void zeroAndNegativeDurationsAreReportedWherePeopleWroteThem() {
    RollbackPlan plan = RollbackPlan.builder().from(withGradual(procedure("gradual")
            .phase(phase("Wait")
                .step(Steps.command("make", "revert").timeout(Duration.ZERO), Steps.waitFor(Duration.ofSeconds(-5)))
                .validate(Checks.command("make", "quick-check").timeout(Duration.ofMinutes(-1))))))
        .severities(List.of(severity("high").when(declared("x")).rollbackWithin(Duration.ofHours(-1))
            .approval(single("maintainer").withTimeout(Duration.ZERO)).build()))
        .monitoring(Rollback.monitoring().every(Duration.ZERO).alert(declared("x"), "Look"))
        .defaultTimeout(Duration.ofSeconds(-1))
        .build();

    assertThat(lines(plan, Rule.NON_POSITIVE_DURATION)).containsExactly(
        "defaultTimeout: duration must be positive, was -1 second",
        "severities[high].approval.timeout: duration must be positive, was 0 seconds",
        "severities[high].response.deadline: duration must be positive, was -1 hour",
        GRADUAL + ".phases[Wait].steps[make revert].timeout: duration must be positive, was 0 seconds",
        GRADUAL + ".phases[Wait].steps[wait -5 seconds].params.duration: duration must be positive, was -5 seconds",
        GRADUAL + ".phases[Wait].validations[make quick-check].timeout: duration must be positive, was -1 minute",
        "monitoring.interval: duration must be positive, was 0 seconds");
  }

  @Test
  void aDeadlineShorterThanTheWorstCaseOfItsProcedureIsReportedWithTheSum() {
    // 2 attempts of 20 minutes with a 1 minute wait, a 10 minute validation, the 15 minute approval and the
    // 6 minutes of checklist: 72 minutes, more than the hour.
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .procedures(List.of())
        .emergencyProcedure(java.util.Optional.empty())
        .procedure(procedure("gradual")
            .phase(phase("Slow")
                .step(Steps.command("make", "revert").timeout(minutes(20))
                    .retry(RetryPolicy.times(2).withDelay(minutes(1))))
                .validate(Checks.command("make", "quick-check").timeout(minutes(10)))))
        .severities(List.of(severity("critical").when(declared("x")).rollbackWithin(hours(1))
            .approval(single("maintainer")).build()))
        .build();

    assertThat(lines(plan, Rule.DEADLINE_TOO_SHORT)).containsExactly(
        "severities[critical].response.deadline: deadline 1 hour is shorter than the worst case of procedure"
            + " 'gradual', 72 minutes (approval 15 minutes + checklist 6 minutes + steps and validations"
            + " 51 minutes)");
  }

  @Test
  void theChecklistAloneCanMakeADeadlineTooShort() {
    RollbackPlan fits = RollbackPlan.builder().from(TestPlans.seed())
        .severities(List.of(severity("critical").when(declared("x")).rollbackWithin(minutes(30))
            .approval(single("maintainer").withTimeout(minutes(5))).procedure("emergency").build()))
        .build();
    RollbackPlan tooShort = RollbackPlan.builder().from(fits)
        .checklist(Checks.confirm("Document current state and performance metrics").timeout(minutes(15)))
        .build();

    assertThat(fits.check().problems(Rule.DEADLINE_TOO_SHORT)).isEmpty();
    assertThat(lines(tooShort, Rule.DEADLINE_TOO_SHORT)).containsExactly(
        "severities[critical].response.deadline: deadline 30 minutes is shorter than the worst case of procedure"
            + " 'emergency', 35 minutes (approval 5 minutes + checklist 21 minutes + steps and validations"
            + " 9 minutes)");
  }

  @Test
  void anIrreversibleStepRunUnderTeamDiscretionIsReported() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Push").step(Steps.command("git", "push", "--force")).validate(Checks.confirm("Pushed"))));

    assertThat(lines(plan, Rule.UNAPPROVED_IRREVERSIBLE_STEP)).containsExactly(
        GRADUAL + ".phases[Push].steps[git push --force]: irreversible step not covered by an approval policy:"
            + " severity 'low' runs it under team discretion; give the step its own with requiresApproval(...)");
  }

  @Test
  void anIrreversibleStepWithItsOwnApprovalIsCovered() {
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Push").step(Steps.command("git", "push", "--force").requiresApproval(single("maintainer")))
            .validate(Checks.confirm("Pushed"))));

    assertThat(plan.check().problems()).isEmpty();
  }

  @Test
  void anIrreversibleRecoveryStepNeedsTheRecoverysApproval() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .recovery(Rollback.recovery("hybrid", RecoveryStrategy.Kind.HYBRID)
            .phase(phase("Partial rollback").step(Steps.command("scripts/partial.sh"))
                .validate(Checks.confirm("Partial"))))
        .build();

    assertThat(lines(plan, Rule.UNAPPROVED_IRREVERSIBLE_STEP)).containsExactly(
        "recoveries[hybrid].phases[Partial rollback].steps[scripts/partial.sh]: irreversible step not covered by an"
            + " approval policy: recovery 'hybrid' has no approval policy; give the step its own with"
            + " requiresApproval(...)");
  }

  @Test
  void pathsThatEscapeTheRepositoryAreReported() {
    Step copy = Step.of("test.copy", "copy", Effect.REVERSIBLE,
        Map.of("from", path("../x"), "to", path("/etc/passwd"), "also", List.of(path("a/../../b"))));
    RollbackPlan plan = RollbackPlan.builder().from(withGradual(procedure("gradual")
            .phase(phase("Copy").step(copy).validate(Checks.command(Command.of("make").in("../outside"))))))
        .trigger("slow", "slow", TestPlans.TEST_TIME.above(Baseline.file(path("/tmp/baseline.json"), "t").itself()))
        .build();

    assertThat(lines(plan, Rule.PATH_OUTSIDE_REPOSITORY)).containsExactlyInAnyOrder(
        "triggers[slow].condition.baseline: path '/tmp/baseline.json' is absolute; paths are relative to the"
            + " repository's root",
        GRADUAL + ".phases[Copy].steps[copy].params.from: path '../x' escapes the repository with '..'",
        GRADUAL + ".phases[Copy].steps[copy].params.to: path '/etc/passwd' is absolute; paths are relative to the"
            + " repository's root",
        GRADUAL + ".phases[Copy].steps[copy].params.also[0]: path 'a/../../b' escapes the repository with '..'",
        GRADUAL + ".phases[Copy].validations[make].params.directory: path '../outside' escapes the repository with '..'");
  }

  @Test
  void invalidGitRefNamesAreReported() {
    Step branches = Step.of("test.branches", "branches", Effect.REVERSIBLE, Map.of("names", List.of(
        branch("a..b"), branch("-x"), branch("a\u0007b"), branch("a@{1}"), branch("topic.lock"),
        branch("rollback-{{run.date}}"))));
    RollbackPlan plan = withGradual(procedure("gradual")
        .phase(phase("Branch").step(branches).validate(Checks.confirm("Branched"))));

    String at = GRADUAL + ".phases[Branch].steps[branches].params.names";
    assertThat(lines(plan, Rule.INVALID_REF_NAME)).containsExactly(
        at + "[0]: ref name 'a..b' contains '..'",
        at + "[1]: ref name '-x' starts with '-'",
        at + "[2]: ref name 'a\\u0007b' contains control characters",
        at + "[3]: ref name 'a@{1}' contains '@{'",
        at + "[4]: ref name 'topic.lock' has a component ending with '.lock'");
  }

  /**
   * Control characters in names used to pass {@code check} and reach terminals raw: an escape that clears the
   * screen, an OSC that retitles the window, a bell, a carriage return that overwrites the line, a NUL.
   */
  @Test
  void controlCharactersInNamesAndDescriptionsAreReportedAtTheirPath() {
    RollbackPlan plan = RollbackPlan.builder().from(withGradual(procedure("gradual")
        .phase(phase("Clear\u001b[2J").step(Steps.command("make", "revert").named("revert\rdone")
            .describedAs("bell\u0007")).validate(Checks.command("make", "check")))))
        .name("p\u001b]0;owned\u0007")
        .communicate(Rollback.message("m").on(NotificationEvent.ROLLBACK_COMPLETED).title("t").body("line one\nline"
            + " two\tok").via("chat\u0000"))
        .build();

    String phase = GRADUAL + ".phases[Clear\\u001b[2J]";
    assertThat(lines(plan, Rule.INVALID_VALUE)).contains(
        "name: name 'p\\u001b]0;owned\\u0007' holds control characters (\\u001b, \\u0007), which would act on a"
            + " terminal instead of being shown: remove them",
        phase + ": name 'Clear\\u001b[2J' holds control characters (\\u001b), which would act on a terminal instead"
            + " of being shown: remove them",
        phase + ".steps[revert\\u000ddone]: name 'revert\\u000ddone' holds control characters (\\u000d), which would"
            + " act on a terminal instead of being shown: remove them",
        phase + ".steps[revert\\u000ddone].description: description 'bell\\u0007' holds control characters"
            + " (\\u0007), which would act on a terminal instead of being shown: remove them",
        "messages[m].channels: channel name 'chat\\u0000' holds control characters (\\u0000), which would act on a"
            + " terminal instead of being shown: remove them");
    assertThat(lines(plan, Rule.INVALID_VALUE)).noneMatch(l -> l.startsWith("messages[m].body"));
    assertThat(TestPlans.seed().check().problems()).isEmpty();
  }

  @Test
  void aQuorumTheRolesCannotMeetIsReported() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .severities(List.of(severity("high").when(declared("x")).rollbackWithin(hours(24))
            .approval(consensus(3, "maintainer", "team-lead")).build()))
        .build();

    assertThat(lines(plan, Rule.INVALID_APPROVAL))
        .containsExactly("severities[high].approval: quorum 3 exceeds the 2 roles named");
  }

  @Test
  void namesThePlanDoesNotHaveAreReported() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .severity(severity("odd").when(trigger("no-such-trigger")).rollbackWithin(hours(24))
            .approval(single("maintainer")).procedure("no-such-procedure"))
        .build();

    assertThat(lines(plan, Rule.UNKNOWN_NAME)).containsExactly(
        "severities[odd].condition: no trigger named 'no-such-trigger'",
        "severities[odd].procedure: no procedure named 'no-such-procedure'");
  }

  @Test
  void triggersThatReferToEachOtherInACircleAreReported() {
    RollbackPlan plan = RollbackPlan.builder().from(TestPlans.seed())
        .trigger("a", "a", trigger("b"))
        .trigger("b", "b", trigger("a").or(declared("x")))
        .build();

    assertThat(lines(plan)).containsExactly(
        "triggers[a].condition: trigger 'a' refers to itself: a -> b -> a",
        "triggers[b].condition: trigger 'b' refers to itself: b -> a -> b");
  }

  @Test
  void aPlanWithManyProblemsReportsThemAllAtOnce() {
    RollbackPlan plan = Rollback.plan("broken")
        .trigger("slow", "slow", TestPlans.TEST_TIME.above(300))
        .trigger("slow", "slow again", declared("slow"))
        .severity(severity("critical").when(trigger("slow")).rollbackWithin(minutes(10))
            .approval(consensus(3, "maintainer")))
        .severity(severity("low").when(trigger("missing")).rollbackWithin(Duration.ZERO).approval(discretion()))
        .procedure(procedure("gradual")
            .phase(phase("Empty"))
            .phase(phase("Push").step(Steps.command("git", "push", "--force").timeout(minutes(30)),
                Step.of("test.restore", "restore", Effect.REVERSIBLE,
                    Map.of("file", path("../etc/passwd"), "from", ref("culprit"), "branch", branch("a..b"))))))
        .build();

    PlanCheck check = plan.check();

    assertThat(check.problems()).extracting(PlanProblem::rule).contains(
        Rule.DUPLICATE_NAME, Rule.INVALID_APPROVAL, Rule.NON_POSITIVE_DURATION, Rule.UNKNOWN_NAME,
        Rule.DEADLINE_TOO_SHORT, Rule.EMPTY, Rule.NO_VALIDATION, Rule.UNAPPROVED_IRREVERSIBLE_STEP,
        Rule.UNBOUND_REFERENCE, Rule.PATH_OUTSIDE_REPOSITORY, Rule.INVALID_REF_NAME);
    assertThat(check.toString()).startsWith("plan 'broken' has " + check.problems().size() + " problems:\n")
        .contains("  severities[critical].approval: quorum 3 exceeds the 1 role named\n")
        .contains("  procedures[gradual].phases[Push].steps[restore].params.file: path '../etc/passwd' escapes the"
            + " repository with '..'");
    assertThatThrownBy(check::orThrow).isInstanceOf(PlanInvalidException.class)
        .hasMessage(check.toString())
        .isInstanceOf(RollbackException.class);
  }

  @Test
  void checkingIsAValueOfThePlanAndDoesNotChangeIt() {
    RollbackPlan plan = TestPlans.seed();

    assertThat(plan.check()).isEqualTo(TestPlans.seed().check()).isSameAs(plan.check());
  }

  private static RollbackPlan withGradual(Procedure.Builder gradual) {
    RollbackPlan seed = TestPlans.seed();
    return RollbackPlan.builder().from(seed)
        .procedures(List.of(gradual.build(), seed.procedure("emergency").orElseThrow()))
        .build();
  }

  private static List<String> lines(RollbackPlan plan) {
    return plan.check().problems().stream().map(PlanProblem::toString).collect(Collectors.toList());
  }

  private static List<String> lines(RollbackPlan plan, Rule rule) {
    return plan.check().problems(rule).stream().map(PlanProblem::toString).collect(Collectors.toList());
  }
}
