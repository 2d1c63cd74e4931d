package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.examples.demo.FleetDemo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rollback demo fleet} as a user runs it: Temporal's test server and two worker processes started by the
 * launcher, 20 repositories; 19 origins end with one revert of the bad change on main, the refusing one is reported
 * in the remote's words, one notification per target.
 */
class FleetDemoIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void theFleetDemoRevertsNineteenOriginsAndReportsTheRefusalInTheRemotesWords() throws Exception {
    Path dir = Files.createTempDirectory("rollback-fleet-demo-it");
    Path sandbox = dir.resolve("sandbox");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(ROOT.resolve("rollback").toString(), "demo", "fleet", "--dir", sandbox.toString())
        .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("stderr: %s", Files.readString(err, StandardCharsets.UTF_8)).isZero();

    assertThat(stdout).startsWith("# Fleet fleet-demo: ").contains("```mermaid\ngantt", "State: **DONE_WITH_FAILURES**",
        "19 succeeded, 1 failed", FleetDemo.REFUSAL).endsWith("\nSandbox: " + sandbox + "\n");
    try (Stream<Path> origins = Files.list(sandbox.resolve("origins"))) {
      for (Path origin : origins.sorted().toList()) {
        long reverts = git(origin, "log", "--format=%s", "main").lines()
            .filter(l -> l.startsWith("Revert \"" + FleetDemoPlan.BAD_CHANGE)).count();
        assertThat(reverts).as(origin.toString()).isEqualTo(origin.endsWith(FleetDemo.REFUSING + ".git") ? 0 : 1);
      }
    }
    try (Stream<Path> notes = Files.list(sandbox.resolve("notifications"))) {
      assertThat(notes.toList()).hasSize(FleetDemo.TARGETS);
    }
    assertThat(List.of(Files.readString(err, StandardCharsets.UTF_8))).allMatch(e -> e.contains("service-13: FAILED"));
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
