package dev.rollback.docker.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.Fixtures;
import dev.rollback.testkit.RequiresDocker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter runs the test service of docker-compose.test.yml (build with args, environment as map and list,
 * env_file, .env, volumes in short and long form, working_dir, network_mode) with the same exit code, stdout and
 * stderr as Debian's {@code docker-compose run --rm} on the same file.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeRunMatchesDockerComposeTest {

  private static final String FILE = "docker-compose.test.yml";

  private Path project;
  private Map<String, String> env;

  @BeforeAll
  void buildWithDockerCompose(@TempDir Path tmp) {
    Cli.require("docker-compose", "docker-compose");
    project = Fixtures.copy("compose", tmp.resolve("rbt-compare"));
    env = Map.of("GREETING", "bonjour");
    Cli.Result build = Cli.run(project, env, "docker-compose", "-f", FILE, "build");
    assertThat(build.exitCode()).as("docker-compose build: %s", build.stderr()).isZero();
  }

  @AfterAll
  void removeWhatBothBuilt(DockerAdapter docker) {
    if (project != null) {
      docker.docker().removeByLabel(DockerLabels.PROJECT + "=rbt-compare");
      Cli.run(project, env, "docker-compose", "-f", FILE, "down", "--rmi", "local", "--volumes");
    }
  }

  /** What docker-compose itself writes on stderr around the service's own output. */
  private static String withoutComposeMessages(String stderr, int exitCode) {
    List<String> lines = Arrays.stream(stderr.split("\n", -1))
        .filter(l -> !l.matches("Creating \\S+ \\.\\.\\. (done)?\\r?"))
        .collect(Collectors.toList());
    if (exitCode != 0 && lines.size() >= 2 && lines.get(lines.size() - 2).equals(String.valueOf(exitCode))
        && lines.get(lines.size() - 1).isEmpty()) {
      lines = lines.subList(0, lines.size() - 2);
      lines.add("");
    }
    return String.join("\n", lines);
  }

  @ParameterizedTest(name = "service {0} exits {1}")
  @CsvSource({"pass, 0", "fail, 3"})
  void sameExitCodeStdoutAndStderrAsDockerComposeRunRm(String service, int expectedExit, DockerAdapter docker) {
    Cli.Result compose = Cli.run(project, env, "docker-compose", "-f", FILE, "run", "--rm", "-T", service);

    Map<String, String> variables = new HashMap<>(System.getenv());
    variables.putAll(env);
    ServiceRun ours = docker.docker().runService(ComposeProject.load(project.resolve(FILE), variables), service,
        ServiceRunOptions.defaults());

    assertThat(compose.exitCode()).as("docker-compose stderr: %s", compose.stderr()).isEqualTo(expectedExit);
    assertThat(ours.exitCode()).isEqualTo(compose.exitCode());
    assertThat(ours.stdout()).isEqualTo(compose.stdout()).contains("greeting=bonjour mode=" + service);
    assertThat(ours.stderr()).isEqualTo(withoutComposeMessages(compose.stderr(), compose.exitCode()))
        .startsWith("a warning on stderr\n");
    assertThat(docker.docker().containers(DockerLabels.PROJECT + "=rbt-compare", false)).isEmpty();
  }
}
