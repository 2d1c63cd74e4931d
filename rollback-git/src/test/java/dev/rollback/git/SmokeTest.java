package dev.rollback.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.git.support.FakeRun;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.StepResult;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void revertMatchesGit() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli git = box.init("repo");
      git.write("a.txt", "1\n2\n3\n4\n5\n").commitAll("base");
      git.at(Sandbox.EPOCH.plusSeconds(60));
      git.write("a.txt", "1\nTWO\n3\n4\n5\n").commitAll("P3-007: change");
      String culprit = git.rev("HEAD");
      git.at(Sandbox.EPOCH.plusSeconds(120));
      git.write("b.txt", "b\n").commitAll("other");
      GitCli copy = box.copy(git, "copy");
      git.at(Sandbox.EPOCH.plusSeconds(180)).run("revert", "--no-edit", culprit);

      try (GitAdapter adapter = GitAdapter.open(copy.dir())) {
        FakeRun run = Runs.run("r1", copy.dir(), Sandbox.EPOCH.plusSeconds(180), GitSteps.revert(culprit));
        StepResult r = run.apply(adapter, GitSteps.revert(culprit));
        System.out.println(r);
      }
      assertThat(copy.rev("HEAD^{tree}")).isEqualTo(git.rev("HEAD^{tree}"));
      assertThat(copy.run("log", "-1", "--format=%B")).isEqualTo(git.run("log", "-1", "--format=%B"));
      assertThat(copy.rev("HEAD")).isEqualTo(git.rev("HEAD"));
      assertThat(copy.status()).isEmpty();
    }
  }
}
