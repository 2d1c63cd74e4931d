package dev.rollback.docker.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.RequiresDocker;
import dev.rollback.docker.testing.RunLast;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module: nothing the tests made through the adapter remains. Test runs
 * have ids starting with {@code test-} and test compose projects names starting with {@code rbt-}.
 */
@RequiresDocker
@RunLast
class NoLeftoversTest {

  private static List<String> listed(String... command) {
    Cli.Result r = Cli.run(Path.of("."), Map.of(), command);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().lines().filter(l -> l.contains(" test-") || l.contains(" rbt-") || l.startsWith("rbt-"))
        .toList();
  }

  @Test
  void noContainerImageOrVolumeCarryingOurLabelsRemainsAfterTheSuite(DockerAdapter docker) {
    String format = "{{.ID}} {{.Label \"" + DockerLabels.RUN + "\"}} {{.Label \"" + DockerLabels.PROJECT + "\"}}";
    assertThat(listed("docker", "ps", "-a", "--filter", "label=" + DockerLabels.managed(), "--format", format))
        .as("containers").isEmpty();
    assertThat(listed("docker", "images", "-a", "--filter", "label=" + DockerLabels.managed(), "--format", format))
        .as("images").isEmpty();
    assertThat(listed("docker", "volume", "ls", "--filter", "label=" + DockerLabels.managed(), "--format",
        "{{.Name}} {{.Label \"" + DockerLabels.PROJECT + "\"}}")).as("volumes").isEmpty();
    assertThat(docker.containers(DockerLabels.managed(), false)).as("no managed container at all").isEmpty();
  }
}
