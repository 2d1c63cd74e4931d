package dev.rollback;

import dev.rollback.internal.Params;
import dev.rollback.internal.core.CoreContracts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program to run, as a value: its arguments (no shell in between), the directory to run it in, relative to
 * the repository, and its environment. Used by {@link Steps#command(Command)}, {@link Checks#command(Command)} and
 * {@link Signals#commandNumber(Command, String)}.
 *
 * <pre>{@code
 * Command.of("make", "quick-check")
 * Command.of("scripts/benchmark_performance.sh").in("perf").env("TOKEN", Rollback.secret("PERF_TOKEN"))
 * }</pre>
 *
 * <p>To run a shell pipeline, say so: {@code Command.of("sh", "-c", "make lint | tee lint.log")}.
 *
 * @param argv the program and its arguments
 * @param directory where to run it, relative to the repository's root
 * @param env variables added to the environment: text, or a {@link Secret}
 */
public record Command(List<String> argv, RepoPath directory, Map<String, Object> env) {


  /**
   * Creates a command.
   *
   * @param argv the program and its arguments, at least the program
   * @param directory where to run it
   * @param env environment additions
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if {@code argv} is empty or an environment value is neither text nor a
   *     secret
   */
  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name at least the program to run");
    }
    Objects.requireNonNull(directory, "directory");
    env.forEach((k, v) -> {
      if (!(v instanceof String) && !(v instanceof Secret) && !(v instanceof Ref) && !(v instanceof Template)) {
        throw new IllegalArgumentException("environment variable " + k + " must be text, a secret, a ref or a template");
      }
    });
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /**
   * A command run at the repository's root with the executor's environment.
   *
   * @param argv the program and its arguments
   * @return the command
   */
  public static Command of(String... argv) {
    return new Command(Arrays.asList(argv), new RepoPath("."), Map.of());
  }

  /**
   * The same command run in another directory.
   *
   * @param directory relative to the repository's root
   * @return the new command
   */
  public Command in(String directory) {
    return new Command(argv, new RepoPath(directory), env);
  }

  /**
   * The same command with one more environment variable.
   *
   * @param name the variable
   * @param value text, a {@link Secret}, a {@link Ref} or a {@link Template}
   * @return the new command
   */
  public Command env(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(env);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Command(argv, directory, copy);
  }

  /**
   * The command as step or check parameters: {@code argv}, {@code directory}, {@code env}.
   *
   * @return the parameters
   */
  public Map<String, Object> toParams() {
    return CoreContracts.command(argv, directory, env);
  }

  /**
   * The command line as people read it, with secrets named, never shown.
   *
   * @return the text
   */
  public String display() {
    StringBuilder b = new StringBuilder();
    for (String a : argv) {
      b.append(b.length() > 0 ? " " : "").append(isPlainWord(a) ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }

  /** Whether a shell would read the word as it is: letters, digits and {@code _ . / : = @ % + , -}. */
  private static boolean isPlainWord(String word) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "_./:=@%+,-".indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return display() + (directory.path().equals(".") ? "" : " (in " + directory.path() + ")")
        + (env.isEmpty() ? "" : " " + Params.show(env));
  }
}
