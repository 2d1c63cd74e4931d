package dev.rollback.examples.sandbox;

import static dev.rollback.examples.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {

  @Test
  void generatesAHistoryThatGitReadsWithTheChangeOnTop(@TempDir Path dir) throws Exception {
    Sandbox s = Sandbox.create(dir.resolve("s"), SandboxSpec.demo().withCommits(40).withFiles(30));

    assertThat(git(s.work(), "fsck", "--strict")).isEmpty();
    assertThat(git(s.work(), "status", "--porcelain")).isEmpty();
    assertThat(git(s.work(), "rev-list", "--count", "HEAD").strip()).isEqualTo("42");
    assertThat(git(s.work(), "log", "--format=%H", "--grep=P3-007").strip().lines())
        .containsExactly(s.changeCommits().get(1), s.changeCommits().get(0));
    assertThat(git(s.work(), "rev-parse", s.changeCommits().get(0) + "^").strip()).isEqualTo(s.stableCommit());
    assertThat(git(s.origin(), "rev-parse", "main").strip()).isEqualTo(s.head());
    assertThat(s.work().resolve("docker-compose.test.yml")).exists();
    assertThat(Files.readString(s.work().resolve(".github/workflows/ci.yml"))).contains("run_docker_tests.sh");
    assertThat(git(s.work(), "show", s.stableCommit() + ":.github/workflows/ci.yml")).contains("pytest");
    assertThat(Files.isExecutable(s.work().resolve("scripts/benchmark_performance.sh"))).isTrue();
  }

  @Test
  void theSameSpecGivesTheSameCommits(@TempDir Path dir) throws Exception {
    SandboxSpec spec = SandboxSpec.demo().withCommits(25).withFiles(20).withTrailingCommits(2);
    Sandbox a = Sandbox.create(dir.resolve("a"), spec);
    Sandbox b = Sandbox.create(dir.resolve("b"), spec);
    assertThat(a.head()).isEqualTo(b.head());
    assertThat(a.changeCommits()).isEqualTo(b.changeCommits());
    assertThat(git(a.work(), "log", "-1", "--format=%s").strip()).doesNotStartWith("P3-007");
  }

  @Test
  void refusesADirectoryThatIsNotEmpty(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("x"), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sandbox.create(dir, SandboxSpec.demo()))
        .isInstanceOf(IOException.class).hasMessageContaining("not empty");
  }
}
