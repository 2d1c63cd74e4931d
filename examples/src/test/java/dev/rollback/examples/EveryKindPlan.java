package dev.rollback.examples;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.secret;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.template;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Revision;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signals;
import dev.rollback.Steps;
import dev.rollback.Unit;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.DockerSteps;
import dev.rollback.docker.ImageRef;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSignals;
import dev.rollback.git.GitSteps;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.RunFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan that calls every public factory of every step, check and signal kind (core, Git, Docker, GitHub), with each
 * kind of argument they take (text, {@code ref(...)}, {@code template(...)}, paths, ref names, secrets), so that
 * {@link PlanDataFormTest} pins the data form (kind + plain parameters) each factory writes. It is data to hash, not a
 * plan to run: it does not have to pass {@code check()}.
 */
final class EveryKindPlan {

  private EveryKindPlan() {}

  static RollbackPlan plan() {
    RunFilter ci = workflow("ci.yml").onBranch("main");
    Map<String, Object> composeVars = new LinkedHashMap<>();
    composeVars.put("TOKEN", secret("COMPOSE_TOKEN"));
    composeVars.put("COMMIT", ref("culprit"));
    composeVars.put("TAG", template("rb-{{run.id}}"));
    composeVars.put("MODE", "ci");
    Map<String, String> buildArgs = new LinkedHashMap<>();
    buildArgs.put("BASE", "busybox");
    buildArgs.put("VERSION", "2");
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("reason", "rollback");
    inputs.put("commit", ref("culprit"));
    return Rollback.plan("every kind")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .assess(
            Signals.commandNumber(Command.of("scripts/bench.sh"), "Total: (\\d+)s"),
            Signals.commandNumber(Command.of("scripts/bench.sh").in("perf").env("TOKEN", secret("PERF_TOKEN")),
                "Total: (\\d+)s", Unit.SECONDS),
            Signals.commandNumber(Command.of("scripts/bench.sh"), "(\\d+)", Unit.COUNT, minutes(2)),
            Signals.fileNumber(path("perf/result.txt"), "time=(\\d+)", Unit.SECONDS),
            Signals.fileNumber(path("perf/result.txt"), "n=(\\d+)"),
            Signals.testFailureRate(path("target/surefire-reports")),
            Signals.testFailureRate(path("build/test-results"), "*.xml"),
            Signals.testCount(path("target/surefire-reports")),
            Signals.testCount(path("build/test-results"), "*.xml"),
            Signals.flakyTests(path("runs/1"), path("runs/2")),
            Signals.flakyTests(List.of(path("runs/1"), path("runs/2"), path("runs/3")), "TEST-*.xml"),
            Signals.lineCoverage(path("target/site/jacoco/jacoco.xml")),
            GitSignals.commitsSince("v1.4.0"),
            GitSignals.commitsSince("v1.0", "main"),
            GitSignals.commitAge("HEAD"),
            GitSignals.ageOfLastCommitMatching("P3-007"),
            DockerSignals.diskUsage(),
            DockerSignals.reclaimable(),
            DockerSignals.diskUsage("images", true),
            DockerSignals.diskUsage("buildCache", false),
            DockerSignals.events(hours(1)),
            DockerSignals.nonZeroExits(minutes(30)),
            DockerSignals.oomKills(hours(2)),
            DockerSignals.eventCount(hours(1), "container.die"),
            DockerSignals.runningContainers(),
            DockerSignals.runningContainers("dev.rollback.managed=true"),
            GitHubSignals.successRate(ci, lastRuns(10)),
            GitHubSignals.durationPercentile(ci, lastRuns(20), 90),
            GitHubSignals.medianDuration(GitHubSignals.allRuns(), lastRuns(5)),
            GitHubSignals.maxDuration(workflow("ci.yml").forEvent("push"), lastRuns(5)),
            GitHubSignals.lastRunSucceeded(ci),
            GitHubSignals.runsInProgress(workflow("123456")),
            GitHubSignals.failureStreak(ci))
        .checklist(
            Checks.confirm("Prepare the communication plan"),
            Checks.command(Command.of("make", "quick-check")),
            Checks.command("make", "lint"),
            Checks.commandOutput(Command.of("scripts/bench.sh").in("perf"), "Total: (\\d+)s"),
            Checks.that(Signals.testFailureRate(path("target/surefire-reports")).atMost(0.05)),
            GitChecks.commitMatching("P3-007").oldest().as("culprit"),
            GitChecks.commits().containing("fix").by("alice").newest().as("newestFix"),
            GitChecks.commits().matching("^Merge").since(Instant.parse("2026-01-01T00:00:00Z"))
                .until(Instant.parse("2026-02-01T00:00:00Z")).within(Duration.ofDays(7))
                .touching(path("ci.yml"), path("scripts")).tagged("v1.*").from("main").all().as("merges"),
            GitChecks.commits().between("v1.0", "v1.1").oldest().as("firstOfRelease"),
            GitChecks.commits().from(ref("culprit")).newest().as("fromCulprit"),
            GitChecks.commits().between(template("{{culprit}}~3"), ref("culprit")).all().as("around"),
            GitChecks.commitExists("v1.4.0"),
            GitChecks.commitExists(ref("culprit")),
            GitChecks.notReverted(ref("culprit")),
            GitChecks.reverted(template("{{culprit}}")),
            GitChecks.cleanWorkTree(),
            DockerChecks.composeServicePasses(path("docker-compose.test.yml"), "test"),
            DockerChecks.noOrphanedContainers(),
            DockerChecks.noOrphanedContainers("team=ci"),
            DockerChecks.imageExists("app:latest"),
            DockerChecks.engineAvailable(),
            GitHubChecks.lastSuccessfulCommit(ci).as("lastGreen"),
            GitHubChecks.ciPassing(workflow("ci.yml").onBranch(ref("rollbackBranch"))),
            GitHubChecks.noRunsInProgress(GitHubSignals.allRuns()),
            GitHubChecks.suspects(ci).as("suspects"),
            GitHubChecks.stillRed(ci),
            GitBisect.range(ref("suspects")).probe(Command.of("make", "test")).parallelism(2).confirmations(1)
                .check().as("bisected"),
            Culprits.guardrails().maxCulpritAge(hours(24)).maxRevertsPerDay(4).check(ref("bisected")),
            Culprits.probePasses("HEAD", Command.of("make", "test")))
        .procedure(procedure("standard")
            .phase(phase("core")
                .step(Steps.run(Command.of("scripts/disable.sh").env("TOKEN", secret("TOKEN"))
                        .env("COMMIT", ref("culprit")).env("LABEL", template("rb-{{run.id}}"))),
                    Steps.run(Command.of("cp", "config.old", "config"), Command.of("cp", "config.new", "config")),
                    Steps.command("make", "clean"),
                    Steps.confirm("Announce the rollback in #ci"),
                    Steps.waitFor(minutes(5))))
            .phase(phase("git reads")
                .step(GitSteps.commitMatching("P3-007").all().as("p3007"),
                    GitSteps.commits().by("bob").within(Duration.ofDays(2)).oldest(),
                    GitSteps.changedFiles("HEAD"),
                    GitSteps.changedFiles(ref("culprit")),
                    GitSteps.revertStatus(template("{{culprit}}")),
                    GitSteps.resolve("v1.4.0"),
                    GitSteps.fetch("origin")))
            .phase(phase("git writes")
                .step(GitSteps.createBranch(branch("keep-{{run.date}}")),
                    GitSteps.createBranch(branch("keep-old"), "HEAD~2"),
                    GitSteps.checkoutNewBranch(branch("rollback-{{run.date}}")),
                    GitSteps.checkoutNewBranch(branch("rollback-at"), ref("culprit")),
                    GitSteps.checkout(branch("main")),
                    GitBisect.between("v1.4.0", "main").probe(Command.of("make", "test"))
                        .probeTimeout(Duration.ofMinutes(2)).step().as("bisect"),
                    Culprits.revert(ref("bisect"), ref("bisect.how")),
                    GitSteps.revert(ref("culprit")).as("revertCommit"),
                    GitSteps.revert("HEAD~1"),
                    GitSteps.revert(template("{{culprit}}^"), 2),
                    GitSteps.revertAll("HEAD~1", "HEAD~2"),
                    GitSteps.revertAll(List.of(ref("culprit"), template("{{culprit}}~1"))),
                    GitSteps.revertAll(ref("p3007")),
                    GitSteps.revertRange("v1.0", "HEAD"),
                    GitSteps.revertRange(ref("culprit"), template("{{culprit}}~2")),
                    GitSteps.cherryPick("fix-1"),
                    GitSteps.cherryPick(ref("newestFix"), 1),
                    GitSteps.cherryPickAll(List.of(Revision.of("fix-1"), ref("newestFix"))),
                    GitSteps.cherryPickNoCommit(ref("newestFix")),
                    GitSteps.commit("Apply the fixes"),
                    GitSteps.commit(template("Apply {{newestFix}}")),
                    GitSteps.commit(ref("newestFix")),
                    GitSteps.restore(template("{{culprit}}^"), path(".github/workflows/ci.yml"), path("Dockerfile")),
                    GitSteps.restore("HEAD~1", List.of(path("scripts")), "Restore the scripts"),
                    GitSteps.restore(ref("culprit"), List.of(path("a.txt")), template("Restore a from {{culprit}}")),
                    GitSteps.restoreExactly("v1.0", path("docs")),
                    GitSteps.tag(branch("rolled-back"), ref("revertCommit")),
                    GitSteps.tag(branch("before-{{run.id}}"), "HEAD", "state before the rollback"),
                    GitSteps.tag(branch("t2"), template("{{culprit}}"), template("tagged {{culprit}}")),
                    GitSteps.push("origin", branch("rollback-{{run.date}}")),
                    GitSteps.pushWithLease("origin", branch("main")),
                    GitSteps.pushWithLease("origin", branch("rollback"), branch("main")),
                    GitSteps.pushWithLeaseExpecting("origin", branch("main"), ref("lastGreen")),
                    GitSteps.pushWithLeaseExpecting("upstream", branch("main"), "0123456789abcdef0123456789abcdef01234567"),
                    GitSteps.pushRewritingHistory("origin", branch("main")),
                    GitSteps.pushRewritingHistory("origin", branch("rewrite"), branch("main"))))
            .phase(phase("docker")
                .step(DockerSteps.runComposeService(path("docker-compose.test.yml"), "test"),
                    DockerSteps.runComposeService(path("docker-compose.test.yml"), "test", composeVars),
                    DockerSteps.buildImage(path("."), "app:v2"),
                    DockerSteps.buildImage(path("docker"), "Dockerfile.test", "app:test", buildArgs),
                    DockerSteps.moveTag("app:latest", "app:v2"),
                    DockerSteps.moveTag("app:latest", ImageRef.of("app:v1")),
                    DockerSteps.moveTag("app:stable", ref("builtImage")),
                    DockerSteps.restoreTag("app:latest"),
                    DockerSteps.removeByLabel("team=ci"),
                    DockerSteps.removeByLabel(template("dev.rollback.run={{run.id}}")),
                    DockerSteps.removeRunLeftovers()))
            .phase(phase("github")
                .step(GitHubSteps.cancelRuns(ci),
                    GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main").forEvent("push"), minutes(2)),
                    GitHubSteps.dispatch("ci.yml", "main").as("ciRun"),
                    GitHubSteps.dispatch("ci.yml", branch("release"), inputs),
                    GitHubSteps.dispatch("ci.yml", ref("rollbackBranch"), Map.of("reason", "rollback"), "rollback_id"),
                    GitHubSteps.rerun(42),
                    GitHubSteps.rerun(4200000000L),
                    GitHubSteps.rerun(ref("ciRun")),
                    GitHubSteps.awaitRun(ref("ciRun"), minutes(20)),
                    GitHubSteps.awaitRun(17L, minutes(20), Duration.ofSeconds(30)),
                    GitHubSteps.awaitConclusion(ref("ciRun"), minutes(10)),
                    GitHubSteps.openIssue("Rolled back", "The build broke").as("incident"),
                    GitHubSteps.openIssue("Rolled back {{culprit}}", template("Reverted {{culprit}}"), "rollback", "ci"),
                    GitHubSteps.comment(ref("incident"), "Done"),
                    GitHubSteps.comment(12, template("Reverted {{culprit}}")),
                    GitHubSteps.openPullRequest(ref("rollbackBranch"), "main", "Roll back P3-007",
                        template("Reverts {{culprit}}")),
                    GitHubSteps.openPullRequest(branch("rollback"), branch("main"), "Roll back", "Reverts P3-007."))))
        .verify(GitChecks.reverted(ref("culprit")), DockerChecks.engineAvailable())
        .build();
  }
}
