package dev.rollback.docker.bench;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.docker.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times one compose service run through the adapter against {@code docker-compose run --rm -T} on the same file,
 * interleaved so both see the same machine load. Not a test: run it by hand (see DEVELOPERS.md, Docker).
 *
 * <pre>
 * java -cp ... dev.rollback.docker.bench.ComposeRunTiming &lt;compose file&gt; &lt;service&gt; &lt;runs&gt;
 * java -cp ... dev.rollback.docker.bench.ComposeRunTiming --once &lt;compose file&gt; &lt;service&gt;   (for hyperfine)
 * </pre>
 */
public final class ComposeRunTiming {

  private ComposeRunTiming() {}

  /**
   * Runs the comparison.
   *
   * @param args the compose file, the service, the number of timed runs; or --once, the file and the service
   */
  public static void main(String[] args) {
    if (args[0].equals("--once")) {
      try (DockerAdapter docker = DockerAdapter.fromEnvironment()) {
        ServiceRun r = docker.docker().runService(ComposeProject.load(Path.of(args[1])), args[2],
            ServiceRunOptions.defaults().build(ServiceRunOptions.BuildPolicy.IF_MISSING));
        System.out.print(r.stdout());
        System.err.print(r.stderr());
        System.exit(r.exitCode());
      }
    }
    Path file = Path.of(args[0]).toAbsolutePath();
    String service = args[1];
    int runs = Integer.parseInt(args[2]);
    Path dir = file.getParent();
    try (DockerAdapter docker = DockerAdapter.fromEnvironment()) {
      ComposeProject project = ComposeProject.load(file);
      Cli.Result build = Cli.run(dir, Map.of(), "docker-compose", "-f", file.toString(), "build", "-q");
      if (build.exitCode() != 0) {
        throw new IllegalStateException("docker-compose build failed: " + build.stderr());
      }
      ServiceRunOptions always = ServiceRunOptions.defaults();
      ServiceRunOptions ifMissing = always.build(ServiceRunOptions.BuildPolicy.IF_MISSING);
      // Warm up: the JVM's first connection and class loading, and the build caches of both.
      for (int i = 0; i < 3; i++) {
        docker.docker().runService(project, service, always);
        compose(dir, file, service);
      }
      List<Long> adapterAlways = new ArrayList<>();
      List<Long> adapterIfMissing = new ArrayList<>();
      List<Long> composeRun = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        docker.docker().runService(project, service, always);
        long t1 = System.nanoTime();
        docker.docker().runService(project, service, ifMissing);
        long t2 = System.nanoTime();
        compose(dir, file, service);
        long t3 = System.nanoTime();
        adapterAlways.add(t1 - t0);
        adapterIfMissing.add(t2 - t1);
        composeRun.add(t3 - t2);
      }
      report("docker-compose run --rm -T (image built)", composeRun, composeRun);
      report("adapter, build IF_MISSING (same work)", adapterIfMissing, composeRun);
      report("adapter, build ALWAYS (default; cached build)", adapterAlways, composeRun);
      docker.docker().removeByLabel(DockerLabels.PROJECT + "=" + project.name());
      Cli.run(dir, Map.of(), "docker-compose", "-f", file.toString(), "down", "--rmi", "local", "--volumes");
    }
  }

  private static void compose(Path dir, Path file, String service) {
    Cli.Result r = Cli.run(dir, Map.of(), "docker-compose", "-f", file.toString(), "run", "--rm", "-T", service);
    if (r.stdout().isEmpty()) {
      throw new IllegalStateException("docker-compose run gave no output: " + r.stderr());
    }
  }

  private static void report(String what, List<Long> nanos, List<Long> baseline) {
    double median = median(nanos);
    System.out.printf(Locale.ROOT, "%-48s median %7.1f ms  min %7.1f ms  max %7.1f ms  ratio %.2fx%n", what,
        median / 1e6, Collections.min(nanos) / 1e6, Collections.max(nanos) / 1e6, median / median(baseline));
  }

  private static double median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }
}
