package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands refuse bad arguments before they reach a server: exit 2, naming the flag and the value. */
class FleetVerbsTest {

  @TempDir Path dir;

  @Test
  void aFleetWithoutAServerSaysWhichFlagIsMissing() throws Exception {
    Path targets = dir.resolve("targets.txt");
    Files.createDirectories(dir.resolve("repo"));
    Files.writeString(targets, "a repo\n");
    CliRun r = CliRun.of("fleet", "dev.rollback.examples.FleetDemoPlan", "--targets", targets.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--temporal HOST:PORT is required");
  }

  @Test
  void badValuesAreNamed() throws Exception {
    Path targets = dir.resolve("targets.txt");
    Files.createDirectories(dir.resolve("repo"));
    Files.writeString(targets, "a repo\n");
    CliRun share = CliRun.of("fleet", "dev.rollback.examples.FleetDemoPlan", "--targets", targets.toString(),
        "--temporal", "127.0.0.1:1", "--max-failures", "lots");
    assertThat(share.status()).isEqualTo(2);
    assertThat(share.err()).contains("--max-failures takes a share such as 0.2 or 20%, was 'lots'");
    CliRun server = CliRun.of("status", "fleet-x", "--temporal", "no-port");
    assertThat(server.status()).isEqualTo(2);
    assertThat(server.err()).contains("--temporal takes HOST:PORT, such as 127.0.0.1:7233, was 'no-port'");
    CliRun deadline = CliRun.of("fleet", "dev.rollback.examples.FleetDemoPlan", "--targets", targets.toString(),
        "--temporal", "127.0.0.1:1", "--deadline", "soon");
    assertThat(deadline.err()).contains("--deadline takes a duration such as 90s, 30m, 24h or 2d, was 'soon'");
  }

  @Test
  void aTargetsFileIsCheckedLineByLine() throws Exception {
    Files.createDirectories(dir.resolve("repo"));
    Path twice = dir.resolve("twice.txt");
    Files.writeString(twice, "# targets\na repo\na repo remote=upstream\n");
    CliRun r = CliRun.of("fleet", "dev.rollback.examples.FleetDemoPlan", "--targets", twice.toString(), "--temporal",
        "127.0.0.1:1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(twice + " line 3: target name 'a' is used twice");
    Path missing = dir.resolve("missing.txt");
    Files.writeString(missing, "b nowhere\n");
    CliRun m = CliRun.of("fleet", "dev.rollback.examples.FleetDemoPlan", "--targets", missing.toString(),
        "--temporal", "127.0.0.1:1");
    assertThat(m.err()).contains(missing + " line 1: repository " + dir.resolve("nowhere") + " is not a folder");
  }
}
