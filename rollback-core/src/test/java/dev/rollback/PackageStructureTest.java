package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages show its parts: read with {@code jdeps} from the compiled classes, {@code spi} needs nothing
 * from {@code internal}, the public packages form no cycle, and the plan model's package stays small enough to
 * read.
 *
 * <p>The plan model ({@code dev.rollback}) and {@code dev.rollback.spi} are one layer seen from two sides: the
 * DSL's factories write steps through the kinds' contracts, which live in {@code spi} so that adapters share them,
 * and the contexts of {@code spi} hand those steps to the adapters. They count as one node here; every other public
 * package must stand above them without a cycle.
 */
class PackageStructureTest {

  /** The public packages of rollback-core: the plan model and DSL, and one package per concern. */
  static final Set<String> PUBLIC = Set.of("dev.rollback", "dev.rollback.decide", "dev.rollback.run",
      "dev.rollback.run.event", "dev.rollback.report", "dev.rollback.monitor", "dev.rollback.spi");

  private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.rollback[\\w.]*)\\s+->\\s+(dev\\.rollback[\\w.]*)\\s");

  static Path classes;
  static Map<String, Set<String>> edges;

  @BeforeAll
  static void readDependencies() throws URISyntaxException {
    classes = Path.of(RollbackPlan.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
        () -> new AssertionError("this test needs the JDK's jdeps tool; run it on a JDK, not a JRE"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(err),
        "-verbose:package", "-e", "dev\\.rollback.*", classes.toString());
    assertThat(status).as("jdeps exit status; its errors: %s", err).isZero();
    edges = new TreeMap<>();
    for (String line : out.toString().split("\\R")) {
      Matcher m = EDGE.matcher(line);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    assertThat(edges).as("jdeps found no dependencies between core's packages: is %s its classes?", classes)
        .isNotEmpty();
  }

  @Test
  void spiNeedsNothingFromInternal() {
    List<String> wrong = new ArrayList<>();
    edges.forEach((from, tos) -> {
      if (from.equals("dev.rollback.spi") || from.startsWith("dev.rollback.spi.")) {
        tos.stream().filter(to -> to.startsWith("dev.rollback.internal")).forEach(to -> wrong.add(from + " -> " + to));
      }
    });
    assertThat(wrong).as("adapters implement spi; it must not expose or need the core's internals").isEmpty();
  }

  @Test
  void publicPackagesFormNoCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String p : PUBLIC) {
      Set<String> tos = graph.computeIfAbsent(layer(p), k -> new TreeSet<>());
      for (String to : edges.getOrDefault(p, Set.of())) {
        if (PUBLIC.contains(to) && !layer(to).equals(layer(p))) {
          tos.add(layer(to));
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      for (String next : graph.get(start)) {
        List<String> path = pathBetween(graph, next, start, new TreeSet<>());
        if (path != null) {
          cycles.add(start + " -> " + String.join(" -> ", path));
        }
      }
    }
    assertThat(cycles).as("package dependencies: %s", graph).isEmpty();
  }

  @Test
  void everyPublicPackageIsThere() {
    for (String p : PUBLIC) {
      assertThat(classes.resolve(p.replace('.', '/')).resolve("package-info.class"))
          .as("package %s and its package-info", p).exists();
    }
  }

  @Test
  void thePlanModelPackageHoldsAtMostEightyPublicTypes() throws IOException, ClassNotFoundException {
    List<String> publicTypes = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes.resolve("dev/rollback"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        String binary = "dev.rollback." + name.substring(0, name.length() - ".class".length());
        Class<?> type = Class.forName(binary, false, getClass().getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) {
          publicTypes.add(binary);
        }
      }
    }
    assertThat(publicTypes).as("public types (nested included) in dev.rollback").hasSizeLessThanOrEqualTo(80);
  }

  /** The node a package counts as: the plan model and spi are one layer. */
  private static String layer(String pkg) {
    return pkg.equals("dev.rollback") || pkg.equals("dev.rollback.spi") ? "dev.rollback(+spi)" : pkg;
  }

  private static List<String> pathBetween(Map<String, Set<String>> graph, String from, String to, Set<String> seen) {
    if (from.equals(to)) {
      return new ArrayList<>(List.of(to));
    }
    if (!seen.add(from)) {
      return null;
    }
    for (String next : graph.getOrDefault(from, Set.of())) {
      List<String> rest = pathBetween(graph, next, to, seen);
      if (rest != null) {
        rest.add(0, from);
        return rest;
      }
    }
    return null;
  }
}
