package dev.rollback.docker.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.testing.Cli;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.docker.testing.RunLast;
import java.nio.file.Path;
import java.util.ArrayList;
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

  private static List<String> ours(List<String> lines) {
    return lines.stream().filter(l -> l.contains(" test-") || l.contains(" rbt-")).toList();
  }

  private static List<String> run(String... command) {
    Cli.Result r = Cli.run(Path.of("."), Map.of(), command);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().lines().toList();
  }

  /** Each object as {@code id run project}: the run and project labels of what carries the managed label. */
  private static List<String> labelled(String kind) {
    List<String> ids = run("docker", kind, "ls", kind.equals("volume") ? "-q" : "-aq",
        "--filter", "label=" + DockerLabels.managed());
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> inspect = new ArrayList<>(List.of("docker", kind, "inspect", "--format",
        "{{.Name}} {{index .Labels \"" + DockerLabels.RUN + "\"}} {{index .Labels \"" + DockerLabels.PROJECT
            + "\"}}"));
    if (kind.equals("image")) {
      inspect.set(4, "{{.Id}} {{index .Config.Labels \"" + DockerLabels.RUN + "\"}} {{index .Config.Labels \""
          + DockerLabels.PROJECT + "\"}}");
    } else if (kind.equals("container")) {
      inspect.set(4, "{{.Name}} {{index .Config.Labels \"" + DockerLabels.RUN + "\"}} {{index .Config.Labels \""
          + DockerLabels.PROJECT + "\"}}");
    }
    inspect.addAll(ids);
    return run(inspect.toArray(String[]::new));
  }

  @Test
  void noContainerImageOrVolumeCarryingOurLabelsRemainsAfterTheSuite(DockerAdapter docker) {
    assertThat(ours(labelled("container"))).as("containers").isEmpty();
    assertThat(ours(labelled("image"))).as("images").isEmpty();
    assertThat(ours(labelled("volume"))).as("volumes").isEmpty();
    assertThat(docker.docker().containers(DockerLabels.managed(), false)).as("no managed container at all").isEmpty();
  }
}
