package dev.rollback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.examples.cli.DemoVerb;
import dev.rollback.report.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback demo culprit}: the commit it names is the one it planted, found from CI history and bisection
 * past a flaky red and an untestable commit, reverted with trailers and pushed after {@code make test} passed on it.
 */
class CulpritDemoTest {

  @TempDir
  Path dir;

  @Test
  void theDemoNamesThePlantedCulpritRevertsItAndPushesTheRevert() throws Exception {
    Path sandbox = dir.resolve("sandbox");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status = new DemoVerb(Map.of(), o).run(List.of("culprit", "--dir", sandbox.toString()), o);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    String planted = Files.readString(sandbox.resolve("planted-culprit.txt")).strip();
    assertThat(status).as(out).isZero();
    assertThat(out).contains("Culprit: " + planted).containsPattern("Probes: \\d+")
        .contains("exit 125").contains("  confirm ").contains("PASSED  Guardrails for an automatic revert");
    int probes = Integer.parseInt(out.replaceAll("(?s).*Probes: (\\d+).*", "$1"));
    assertThat(probes).isBetween(3, 10);
    try (Git origin = Git.open(sandbox.resolve("origin.git").toFile())) {
      RevCommit tip = origin.log().setMaxCount(1).call().iterator().next();
      assertThat(tip.getFullMessage()).contains("This reverts commit " + planted).contains("Reverts: " + planted)
          .contains("Rollback-Revert: auto");
    }
    assertThat(sandbox.resolve("incident-report.md")).exists();
    assertThat(RunStatus.SUCCEEDED.name()).isIn(out.replaceAll("(?s).*Run: (\\w+).*", "$1"));
  }

  @Test
  void aNonEmptyDirectoryIsRefused() throws Exception {
    Files.writeString(dir.resolve("x"), "x");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DemoVerb(Map.of(), o)
          .run(List.of("culprit", "--dir", dir.toString()), o)).hasMessageContaining("must be an empty or missing");
    }
  }
}
