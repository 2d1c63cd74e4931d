package dev.rollback.examples.badinputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.examples.badinputs.Snapshot.Git;
import dev.rollback.examples.cli.CliRun;
import dev.rollback.testkit.RequiresDocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: every case under {@code src/test/resources/bad-inputs/<category>/<case>/case.txt} (see the
 * README there) is one test, run through the launcher's command line as a user types it, in this JVM
 * ({@link dev.rollback.examples.cli.RollbackCli#run}) or, when the case says so, in a new one. Each asserts the exit
 * status, the words that name what was wrong and what to do, that nothing raw reaches the terminal, that no secret
 * leaks, and that nothing changed (the work tree and index, every ref of the clone and its origin, the journal and
 * every other file of the sandbox) beyond what the case allows, with its own checks of what did change.
 *
 * <p>The Docker cases run against the engine {@link RequiresDocker} finds; without one they are skipped, unless
 * {@code CI=true}, where they fail.
 */
class BadInputCorpusTest {

  /** The corpus's folder among the test resources. */
  static final String CORPUS = "bad-inputs";
  /** The first word of a case's {@code run} that calls the library ({@link LibraryCases}) instead of the launcher. */
  static final String LIBRARY = "library";
  /** The category that needs a Docker engine. */
  static final String DOCKER = "docker";

  private static final Duration LIMIT = Duration.ofSeconds(120);

  @TempDir
  static Path dir;

  private static CaseSandbox.Template template;

  private static Path corpus() {
    try {
      return Path.of(BadInputCorpusTest.class.getClassLoader().getResource(CORPUS).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every case file, by category. */
  static Map<String, List<Path>> cases() {
    Map<String, List<Path>> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(corpus(), 3)) {
      s.filter(p -> p.getFileName().toString().equals(CorpusCase.FILE)).sorted()
          .forEach(p -> out.computeIfAbsent(p.getParent().getParent().getFileName().toString(),
              k -> new ArrayList<>()).add(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @TestFactory
  Stream<DynamicNode> corpusWithoutDocker() {
    return cases().entrySet().stream().filter(e -> !e.getKey().equals(DOCKER))
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue().stream().map(c -> test(c, null))));
  }

  @TestFactory
  @RequiresDocker
  Stream<DynamicNode> corpusOfDocker(DockerAdapter docker) {
    return cases().getOrDefault(DOCKER, List.of()).stream().map(c -> test(c, docker));
  }

  private static DynamicTest test(Path file, DockerAdapter docker) {
    CorpusCase c;
    try {
      c = CorpusCase.read(file);
    } catch (RuntimeException e) {
      return DynamicTest.dynamicTest(file.getParent().getFileName() + ": cannot be read", file.toUri(), () -> {
        throw e;
      });
    }
    return DynamicTest.dynamicTest(c.title(), file.toUri(),
        () -> Assertions.assertTimeoutPreemptively(LIMIT, () -> run(c, docker),
            () -> c.category() + "/" + c.name() + " did not finish within " + LIMIT.toSeconds() + " s"));
  }

  private static synchronized CaseSandbox.Template template() throws Exception {
    if (template == null) {
      template = CaseSandbox.Template.create(Files.createDirectories(dir.resolve("template")));
    }
    return template;
  }

  /** The environment a case's command sees: PATH, HOME, the Docker engine's address, and the case's own. */
  private static Map<String, String> environment(CorpusCase c) {
    Map<String, String> env = new HashMap<>();
    for (String name : List.of("PATH", "HOME", "DOCKER_HOST")) {
      Optional.ofNullable(System.getenv(name)).ifPresent(v -> env.put(name, v));
    }
    env.putAll(c.env());
    return env;
  }

  private static void run(CorpusCase c, DockerAdapter docker) throws Exception {
    Path root = Files.createDirectories(dir.resolve(c.category()).resolve(c.name()));
    Map<String, String> env = environment(c);
    try (CaseSandbox box = new CaseSandbox(root, corpus().resolve("plans"), env)) {
      Files.createDirectories(root.resolve("work"));
      CaseSandbox.copyTree(c.folder(), root.resolve("case"));
      for (List<String> recipe : c.setup()) {
        if (!recipe.get(0).equals(CorpusCase.BEFORE)) {
          box.apply(recipe, template());
          continue;
        }
        CorpusCase.Before b = c.before().get(Integer.parseInt(recipe.get(1)));
        String[] r = launch(box.resolve(b.command()), env, b.process());
        if (b.exit().isPresent()) {
          assertThat(Integer.parseInt(r[0])).as("before: %s\n%s%s", b.command(), r[2], r[1])
              .isEqualTo(b.exit().get());
        }
      }
      List<String> command = box.resolve(c.command());
      Snapshot before = Snapshot.of(root);
      String[] r = !command.isEmpty() && command.get(0).equals(LIBRARY) ? LibraryCases.run(command.get(1), box)
          : launch(command, env, c.process());
      Snapshot after = Snapshot.of(root);
      int status = Integer.parseInt(r[0]);
      String out = r[1];
      String err = r[2];
      String shown = "rollback " + String.join(" ", command) + "\n--- exit " + status + ", stderr:\n" + err
          + "--- stdout:\n" + out;

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(status).as("exit status of %s", shown).isEqualTo(c.exit());
      for (String s : c.says()) {
        soft.assertThat(out + err).as("what %s says", shown).contains(box.resolve(s));
      }
      for (String s : c.notSays()) {
        soft.assertThat(out + err).as("what %s says", shown).doesNotContain(box.resolve(s));
      }
      for (Map.Entry<String, String> s : c.streams()) {
        String text = box.resolve(s.getValue());
        if (s.getKey().equals("stdout")) {
          soft.assertThat(out).as("standard output of %s", shown).contains(text);
        } else if (s.getKey().equals("stderr")) {
          soft.assertThat(err).as("standard error of %s", shown).contains(text);
        } else {
          soft.assertThat(out).as("standard output of %s", shown).doesNotContain(text);
        }
      }
      soft.assertThat(out + err).as("%s: no control character reaches the terminal raw", shown)
          .doesNotContain("\u001b", "\u0007", "\r", "\u0000").doesNotContain("failed unexpectedly");
      List<String> allowed = allowed(c.changes());
      soft.assertThat(before.changesTo(after, allowed))
          .as("what changed in the sandbox (allowed: %s) after %s", c.changes(), shown).isEmpty();
      List<String> written = before.filesWritten(after);
      for (String secret : c.secrets()) {
        soft.assertThat(out + err).as("the secret in what %s printed", shown).doesNotContain(secret);
        for (String f : written) {
          soft.assertThat(Files.readString(root.resolve(f), StandardCharsets.ISO_8859_1)).as("the secret in %s", f)
              .doesNotContain(secret);
        }
      }
      for (List<String> e : c.expect()) {
        expect(soft, box, box.resolve(e), docker, shown);
      }
      soft.assertAll();
    }
    deleteTree(root);
  }

  /** The areas a case may name under {@code changes}, as globs over snapshot keys; other words are globs already. */
  private static List<String> allowed(List<String> changes) {
    List<String> out = new ArrayList<>();
    for (String ch : changes) {
      switch (ch) {
        case "journal":
          out.add("file:**/.rollback");
          out.add("file:**/.rollback/**");
          out.add("file:journal*");
          out.add("file:journal*/**");
          break;
        case "backups":
          out.add("ref:*:refs/rollback/**");
          break;
        case "notes":
          out.add("file:**/notes");
          out.add("file:**/notes/**");
          break;
        case "clone":
          out.add("*:clone");
          out.add("*:clone/**");
          out.add("*:clone:**");
          break;
        case "origin":
          out.add("*:origin.git");
          out.add("*:origin.git/**");
          out.add("*:origin.git:**");
          break;
        case "work":
          out.add("file:work/**");
          break;
        default:
          out.add(ch);
      }
    }
    return out;
  }

  /**
   * A check of what the command left: {@code absent PATH}, {@code present PATH}, {@code contains GLOB TEXT},
   * {@code lacks GLOB TEXT} (files under the sandbox), {@code git REPO ARGS... => OUTPUT}, {@code github issues N},
   * {@code github requests OPERATION N}, {@code containers-left 0} (Docker).
   */
  private static void expect(SoftAssertions soft, CaseSandbox box, List<String> e, DockerAdapter docker,
      String shown) throws IOException {
    Path root = box.root();
    switch (e.get(0)) {
      case "absent":
        soft.assertThat(root.resolve(e.get(1))).as("after %s", shown).doesNotExist();
        break;
      case "present":
        soft.assertThat(root.resolve(e.get(1))).as("after %s", shown).exists();
        break;
      case "contains":
      case "lacks":
        List<Path> files = glob(root, e.get(1));
        soft.assertThat(files).as("files matching %s after %s", e.get(1), shown).isNotEmpty();
        for (Path f : files) {
          String text = Files.readString(f, StandardCharsets.UTF_8);
          if (e.get(0).equals("contains")) {
            soft.assertThat(text).as("%s after %s", f, shown).contains(e.get(2));
          } else {
            soft.assertThat(text).as("%s after %s", f, shown).doesNotContain(e.get(2));
          }
        }
        break;
      case "git":
        int arrow = e.indexOf("=>");
        String output = Git.run(root.resolve(e.get(1)), e.subList(2, arrow).toArray(new String[0])).strip();
        soft.assertThat(output).as("git %s after %s", e.subList(1, arrow), shown)
            .isEqualTo(String.join(" ", e.subList(arrow + 1, e.size())));
        break;
      case "github":
        if (e.get(1).equals("issues")) {
          soft.assertThat(box.github().repository("acme/shop").issues()).as("issues on GitHub after %s", shown)
              .hasSize(Integer.parseInt(e.get(2)));
        } else {
          soft.assertThat(box.github().requestCount(e.get(2))).as("requests %s after %s", e.get(2), shown)
              .isEqualTo(Long.parseLong(e.get(3)));
        }
        soft.assertThat(box.github().violations()).as("GitHub contract violations").isEmpty();
        break;
      case "containers-left":
        soft.assertThat(docker.docker().containers(DockerLabels.managed(), false)).as("containers of runs after %s", shown)
            .hasSize(Integer.parseInt(e.get(1)));
        break;
      default:
        throw new IllegalArgumentException("unknown expect '" + e.get(0) + "'");
    }
  }

  private static List<Path> glob(Path root, String glob) throws IOException {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> m.matches(root.relativize(p))).toList();
    }
  }

  /** Runs the launcher; returns the exit status, standard output and standard error. */
  private static String[] launch(List<String> args, Map<String, String> env, boolean process) throws Exception {
    if (!process) {
      CliRun r = CliRun.in(env, args.toArray(new String[0]));
      return new String[] {Integer.toString(r.status()), r.out(), r.err()};
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "dev.rollback.examples.cli.RollbackCli"));
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
        "/dev/null"))).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("rollback " + String.join(" ", args) + " did not end within " + LIMIT);
    }
    return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8)};
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
