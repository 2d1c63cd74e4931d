package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes are guarded by a lease on the remote value seen at assessment; a remote that moved is never overwritten. */
class LeaseTest {

  private Sandbox box;
  private GitCli origin;
  private GitCli ours;
  private GitCli theirs;
  private GitAdapter adapter;
  private String culprit;

  @BeforeEach
  void repositories() {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write("ci.yml", "direct\n").commitAll("stable");
    seed.at(Sandbox.EPOCH.plusSeconds(60)).write("ci.yml", "docker\n").commitAll("P3-007: docker");
    culprit = seed.rev("HEAD");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    ours = box.clone(origin, "ours");
    theirs = box.clone(origin, "theirs");
    adapter = GitAdapter.open(ours.dir());
  }

  @AfterEach
  void cleanUp() {
    adapter.close();
    box.close();
  }

  @Test
  void aPushBetweenAssessmentAndOurPushIsNeverOverwritten() throws Exception {
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    AdapterHarness run = Runs.run(adapter, "race", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push);
    adapter.onRunStart(run);
    String pinned = origin.rev("main");
    assertThat(run.remembered()).containsEntry("git.lease.origin.refs/heads/main", pinned);

    theirs.at(Sandbox.EPOCH.plusSeconds(300)).write("hotfix.txt", "urgent\n").commitAll("someone else's hotfix");
    theirs.run("push", "-q", "origin", "main");
    String theirPush = origin.rev("main");

    run.apply(revert);
    assertThatThrownBy(() -> run.apply(push)).isInstanceOf(LeaseRejectedException.class)
        .hasMessageContaining("expected refs/heads/main at " + pinned)
        .hasMessageContaining("origin has it at " + theirPush)
        .hasMessageContaining("nothing was overwritten")
        .satisfies(e -> {
          LeaseRejectedException l = (LeaseRejectedException) e;
          assertThat(l.expected()).isEqualTo(pinned);
          assertThat(l.actual()).isEqualTo(theirPush);
          assertThat(l.remote()).isEqualTo("origin");
          assertThat(l.ref()).isEqualTo("refs/heads/main");
        });
    assertThat(origin.rev("main")).isEqualTo(theirPush);
  }

  @Test
  void aPreviewAlreadyTellsThatTheLeaseWouldFail() throws Exception {
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    AdapterHarness run = Runs.run(adapter, "race", ours.dir(), Sandbox.EPOCH.plusSeconds(600), push);
    adapter.onRunStart(run);
    theirs.write("hotfix.txt", "urgent\n").commitAll("hotfix");
    theirs.run("push", "-q", "origin", "main");
    StepPreview p = run.asPreview().preview(push);
    assertThat(p.failure()).hasValueSatisfying(f -> assertThat(f).contains("rejected: the lease expected"));
  }

  @Test
  void aLeasedPushReplacesTheValueSeenAtAssessmentAndIsProbedAsApplied() throws Exception {
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    AdapterHarness run = Runs.run(adapter, "ok", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push);
    adapter.onRunStart(run);
    String pinned = origin.rev("main");
    run.apply(revert);
    assertThat(run.isApplied(push).state()).isEqualTo(Probe.State.NOT_APPLIED);
    StepResult pushed = run.apply(push);
    assertThat(origin.rev("main")).isEqualTo(ours.rev("HEAD"));
    assertThat(ours.rev("origin/main")).as("the remote-tracking ref follows, as with git push")
        .isEqualTo(ours.rev("HEAD"));
    assertThat(pushed.outputs()).containsEntry("before", pinned).containsEntry("after", ours.rev("HEAD"));
    Probe probe = run.resumed().isApplied(push);
    assertThat(probe.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(probe.result().orElseThrow().outputs()).isEqualTo(pushed.outputs());
    assertThat(adapter.steps().get(GitSteps.PUSH).canCompensate(run.context(push))).isFalse();
  }

  @Test
  void aNewBranchIsPushedUnderALeaseThatItDoesNotExistYet() throws Exception {
    Step create = GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}"));
    Step push = GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}"));
    AdapterHarness run = Runs.run(adapter, "new", ours.dir(), Sandbox.EPOCH.plusSeconds(600), create, push);
    adapter.onRunStart(run);
    assertThat(run.remembered()).containsEntry("git.lease.origin.refs/heads/rollback-p3-007-20260101", "absent");
    run.apply(create);
    run.apply(push);
    assertThat(origin.rev("rollback-p3-007-20260101")).isEqualTo(ours.rev("HEAD"));

    AdapterHarness second = Runs.run(adapter, "again", ours.dir(), Sandbox.EPOCH.plusSeconds(600), push);
    adapter.onRunStart(second);
    theirs.write("other.txt", "their work\n").commitAll("their work on the rollback branch");
    theirs.run("push", "-q", "origin", "main:rollback-p3-007-20260101", "--force");
    assertThatThrownBy(() -> second.apply(push)).isInstanceOf(LeaseRejectedException.class);
  }

  @Test
  void aSecondLeasedPushOfTheSameBranchInOneRunExpectsWhatTheFirstPushed() throws Exception {
    Step revert = GitSteps.revert(culprit);
    Step tag = GitSteps.commit("never used");
    Step push = GitSteps.pushWithLease("origin", branch("main"));
    Step again = GitSteps.revert("HEAD");
    Step pushAgain = GitSteps.pushWithLease("origin", branch("main")).named("push again");
    AdapterHarness run = Runs.run(adapter, "twice", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push, again,
        pushAgain, tag);
    adapter.onRunStart(run);
    run.apply(revert);
    run.apply(push);
    run.apply(again);
    run.apply(pushAgain);
    assertThat(origin.rev("main")).isEqualTo(ours.rev("HEAD"));
  }

  @Test
  void aPlainPushOnlyFastForwardsAndItsCompensationPushesTheOldValueBack() throws Exception {
    Step revert = GitSteps.revert(culprit);
    Step push = GitSteps.push("origin", branch("main"));
    AdapterHarness run = Runs.run(adapter, "plain", ours.dir(), Sandbox.EPOCH.plusSeconds(600), revert, push);
    String before = origin.rev("main");
    run.apply(revert);
    StepResult pushed = run.apply(push);
    assertThat(origin.rev("main")).isEqualTo(ours.rev("HEAD"));
    assertThat(adapter.steps().get(GitSteps.PUSH).canCompensate(run.context(push))).isTrue();
    run.compensate(push, pushed);
    assertThat(origin.rev("main")).isEqualTo(before);

    theirs.write("hotfix.txt", "urgent\n").commitAll("hotfix");
    theirs.run("push", "-q", "origin", "main");
    String theirPush = origin.rev("main");
    assertThatThrownBy(() -> run.apply(push)).isInstanceOf(GitException.class)
        .hasMessageContaining("not a fast-forward").hasMessageContaining("nothing was overwritten");
    assertThat(origin.rev("main")).isEqualTo(theirPush);
  }

  @Test
  void credentialsAreReportedForRedactionAndNeverShown() {
    GitAdapter withToken = adapter.withCredentials("ci-bot", "s3cr3t-t0ken".toCharArray());
    assertThat(withToken.secrets()).containsExactly("s3cr3t-t0ken");
    assertThat(withToken.toString()).doesNotContain("s3cr3t").contains("ci-bot");
    assertThat(adapter.secrets()).isEmpty();
    withToken.close();
  }

  @Test
  void anUnknownRemoteIsNamed() throws Exception {
    Step push = GitSteps.pushWithLease("upstream", branch("main"));
    AdapterHarness run = Runs.run(adapter, "x", ours.dir(), Sandbox.EPOCH.plusSeconds(600), push);
    assertThatThrownBy(() -> adapter.onRunStart(run)).isInstanceOf(GitException.class)
        .hasMessageContaining("no remote named 'upstream'").hasMessageContaining("configured remotes: origin");
  }
}
