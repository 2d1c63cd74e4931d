package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.functional.TestAdapter.apply;
import static dev.rollback.functional.TestAdapter.check;
import static dev.rollback.functional.TestAdapter.read;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.NotificationEvent;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import java.util.ArrayList;
import java.util.List;

/**
 * Every plan the executor's tests run, in one place, so that the preview test can show that no preview of any of
 * them changes anything.
 */
final class TestPlans {

  private TestPlans() {}

  /** Every plan of the test suite. */
  static List<RollbackPlan> all() {
    List<RollbackPlan> out = new ArrayList<>();
    for (FailurePolicy p : FailurePolicy.values()) {
      out.add(threePhases(p));
    }
    out.add(CrashDrill.plan());
    out.add(deadline(25));
    out.add(irreversible(single("maintainer")));
    out.add(irreversible(Rollback.consensus(2, "maintainer", "team-lead")));
    out.add(emergencyUnderDiscretion());
    out.add(stepApproval());
    out.add(secrets());
    out.add(commands());
    out.add(DecisionTest.plan());
    return out;
  }

  /**
   * Three phases; the second's validation fails. Phase one holds a read-only step, reversible steps and an
   * irreversible one; the severity's single maintainer approves.
   */
  static RollbackPlan threePhases(FailurePolicy policy) {
    return plan("three phases, " + policy)
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(24)).approval(single("maintainer")))
        .procedure(procedure("gradual")
            .phase(phase("one")
                .step(read("r1", "seen"), apply("a1", Effect.REVERSIBLE), apply("a2", Effect.IRREVERSIBLE),
                    apply("a3", Effect.REVERSIBLE))
                .validate(check("one holds", true)).onFailure(policy))
            .phase(phase("two")
                .step(apply("b1", Effect.REVERSIBLE), apply("b2", Effect.REVERSIBLE))
                .validate(check("two holds", false)).onFailure(policy))
            .phase(phase("three")
                .step(apply("c1", Effect.REVERSIBLE))
                .validate(check("three holds", true)).onFailure(policy)))
        .build();
  }

  /** Three slow steps under a one-hour deadline; each step takes the given minutes on the manual clock. */
  static RollbackPlan deadline(long minutesPerStep) {
    return Rollback.plan("deadline drill, " + minutesPerStep + " minutes a step")
        .severity(severity("critical").when(declared("broken")).rollbackWithin(hours(1))
            .approval(Rollback.discretion()))
        .procedure(procedure("fast")
            .phase(phase("one")
                .step(TestAdapter.slow("d1", minutesPerStep).timeout(Rollback.minutes(15)),
                    TestAdapter.slow("d2", minutesPerStep).timeout(Rollback.minutes(15)))
                .validate(check("one holds", true).timeout(Rollback.minutes(1))))
            .phase(phase("two")
                .step(TestAdapter.slow("d3", minutesPerStep).timeout(Rollback.minutes(15)))
                .validate(check("two holds", true).timeout(Rollback.minutes(1)))))
        .build();
  }

  /** A reversible step, then an irreversible one, under the severity's policy. */
  static RollbackPlan irreversible(ApprovalPolicy policy) {
    return Rollback.plan("irreversible under " + policy.describe())
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(24)).approval(policy))
        .procedure(procedure("gradual")
            .phase(phase("one")
                .step(apply("a1", Effect.REVERSIBLE), apply("force", Effect.IRREVERSIBLE))
                .validate(check("one holds", true))))
        .build();
  }

  /**
   * A plan whose low severity is the team's discretion, and whose emergency procedure, run by the critical
   * severity (single maintainer), holds an irreversible step.
   */
  static RollbackPlan emergencyUnderDiscretion() {
    return Rollback.plan("emergency under discretion")
        .severity(severity("critical").when(declared("down")).rollbackWithin(hours(1)).approval(single("maintainer"))
            .procedure("emergency"))
        .severity(severity("low").when(declared("cosmetic")).rollbackWithin(Rollback.weeks(1))
            .approval(Rollback.discretion()))
        .procedure(procedure("gradual")
            .phase(phase("one").step(apply("g1", Effect.REVERSIBLE)).validate(check("one holds", true))))
        .emergency(procedure("emergency")
            .phase(phase("fast").step(apply("cancel", Effect.IRREVERSIBLE)).validate(check("fast holds", true))))
        .build();
  }

  /** Team discretion, and an irreversible step with its own approval by the release manager. */
  static RollbackPlan stepApproval() {
    return Rollback.plan("step approval")
        .severity(severity("medium").when(declared("slow")).rollbackWithin(Rollback.weeks(1))
            .approval(Rollback.discretion()))
        .procedure(procedure("gradual")
            .phase(phase("one")
                .step(apply("a1", Effect.REVERSIBLE),
                    apply("push", Effect.IRREVERSIBLE).requiresApproval(single("release-manager")))
                .validate(check("one holds", true))))
        .build();
  }

  /** Steps, checks and a message that see the secret {@code API_TOKEN}; phases carry on after failures. */
  static RollbackPlan secrets() {
    Command echo = Command.of("sh", "-c", "echo token=$TOKEN").env("TOKEN", Rollback.secret("API_TOKEN"));
    Command fails = Command.of("sh", "-c", "echo refused $TOKEN >&2; exit 4").env("TOKEN", Rollback.secret("API_TOKEN"));
    return Rollback.plan("secrets")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(24)).approval(single("maintainer")))
        .checklist(Checks.command(echo).named("token is set"))
        .procedure(procedure("gradual")
            .phase(phase("echo")
                .step(Steps.run(echo).effect(Effect.READ_ONLY).as("echoed"),
                    TestAdapter.leaking("use", Rollback.secret("API_TOKEN"), false).as("used"))
                .validate(Checks.command(fails).named("service accepts the token"))
                .onFailure(FailurePolicy.CONTINUE))
            .phase(phase("leak")
                .step(TestAdapter.leaking("refused", Rollback.secret("API_TOKEN"), true))
                .validate(check("leak holds", true))
                .onFailure(FailurePolicy.CONTINUE))
            .phase(phase("command")
                .step(Steps.run(fails, Command.of("true")).named("refused command"))
                .validate(check("command holds", true))
                .onFailure(FailurePolicy.CONTINUE)))
        .communicate(Rollback.message("failed").on(NotificationEvent.ROLLBACK_FAILED).title("{{plan}}: {{status}}")
            .body("used {{used}}; echoed {{echoed}}; {{summary}}").via("file"))
        .build();
  }

  /** The core kinds: a command with an undo, a read-only command, a confirmation, a wait, command checks. */
  static RollbackPlan commands() {
    return Rollback.plan("core commands")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(24)).approval(single("maintainer")))
        .checklist(Checks.commandOutput(Command.of("sh", "-c", "echo Total Time: 42s"), "Total Time: (\\d+)s")
            .as("total"))
        .procedure(procedure("gradual")
            .phase(phase("files")
                .step(Steps.run(Command.of("touch", "made-by-step"), Command.of("rm", "made-by-step")),
                    Steps.command("sh", "-c", "test -f made-by-step && echo present").effect(Effect.READ_ONLY)
                        .as("seen"),
                    Steps.confirm("Announce the rollback in #ci"),
                    Steps.waitFor(Rollback.minutes(5)))
                .validate(Checks.command("test", "-f", "made-by-step"))
                .onFailure(FailurePolicy.COMPENSATE))
            .phase(phase("fails")
                .step(Steps.run(Command.of("sh", "-c", "echo no space left >&2; exit 3"), Command.of("true"))
                    .named("fails"))
                .validate(Checks.command("true"))
                .onFailure(FailurePolicy.COMPENSATE)))
        .build();
  }
}
