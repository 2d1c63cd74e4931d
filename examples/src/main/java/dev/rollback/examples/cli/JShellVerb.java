package dev.rollback.examples.cli;

import dev.rollback.RollbackException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback jshell [plan.jsh]}: opens the JDK's {@code jshell} with the library's class path (the launcher's)
 * and the DSL's imports ready ({@link #IMPORTS}), optionally opening a plan script first; standard input, output and
 * error are the terminal's. Both of jshell's JVMs run with the client compiler and the serial collector, which suit
 * a short session on few cores. Exit 0 when the session ended normally, 1 when it ended with another status, 2 when jshell cannot be
 * started.
 */
@Command(name = "jshell")
public final class JShellVerb implements Verb {

  /** The imports a session starts with, after JShell's default ones. */
  public static final List<String> IMPORTS = List.of(
      "import static dev.rollback.Rollback.*;",
      "import dev.rollback.*;",
      "import dev.rollback.decide.*;",
      "import dev.rollback.run.*;",
      "import dev.rollback.report.*;",
      "import dev.rollback.git.*;",
      "import dev.rollback.docker.*;",
      "import dev.rollback.github.*;",
      "import java.time.Duration;",
      "import java.nio.file.Path;");

  private final Map<String, String> environment;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "[plan.jsh]", hideParamSyntax = true,
      description = "a script to open first, such as examples/jshell/p3-007.jsh; its variables (plan) are then"
          + " there to explore")
  List<String> scripts = new ArrayList<>();

  /** Creates the command, for the process's environment. */
  public JShellVerb() {
    this(System.getenv());
  }

  /**
   * Creates the command for another environment, as tests do.
   *
   * @param environment where the JDK is ({@code JAVA_HOME}, else the one running the launcher)
   */
  public JShellVerb(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String arguments() {
    return "[plan.jsh]";
  }

  @Override
  public String summary() {
    return "open JShell with the library's class path and the DSL's imports, and the script if given";
  }

  @Override
  public int execute(PrintStream out) {
    if (scripts.size() > 1) {
      throw new UsageException("expected at most one [plan.jsh], got " + scripts.size() + ": "
          + String.join(" ", scripts));
    }
    for (String s : scripts) {
      if (!Files.isRegularFile(Path.of(s))) {
        throw new UsageException("no such file: " + s);
      }
    }
    Path startup;
    try {
      startup = Files.createTempFile("rollback-jshell-", ".jsh");
      Files.writeString(startup, String.join("\n", IMPORTS) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the session's imports: " + e.getMessage(), e);
    }
    try {
      List<String> command = new ArrayList<>(List.of(jshell().toString(), "--class-path",
          System.getProperty("java.class.path"), "-J-XX:TieredStopAtLevel=1", "-R-XX:TieredStopAtLevel=1",
          "-J-XX:+UseSerialGC", "-R-XX:+UseSerialGC", "--startup", "DEFAULT", "--startup", startup.toString()));
      command.addAll(scripts);
      out.flush();
      Process p = new ProcessBuilder(command).inheritIO().start();
      return p.waitFor() == 0 ? 0 : 1;
    } catch (IOException e) {
      throw new RollbackException("cannot start jshell: " + e.getMessage() + "; it comes with the JDK (17 or later):"
          + " set JAVA_HOME to one");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RollbackException("interrupted while jshell ran");
    } finally {
      try {
        Files.deleteIfExists(startup);
      } catch (IOException e) {
        // A temporary file left behind; nothing depends on it.
      }
    }
  }

  /** The jshell of JAVA_HOME, else of the JDK running the launcher. */
  private Path jshell() {
    String home = environment.getOrDefault("JAVA_HOME", "");
    if (!home.isBlank() && Files.isExecutable(Path.of(home, "bin", "jshell"))) {
      return Path.of(home, "bin", "jshell");
    }
    Path own = Path.of(System.getProperty("java.home"), "bin", "jshell");
    if (Files.isExecutable(own)) {
      return own;
    }
    throw new RollbackException("no jshell next to this Java (" + System.getProperty("java.home") + "): it comes"
        + " with the JDK, not a runtime; set JAVA_HOME to a JDK 17 or later");
  }
}
