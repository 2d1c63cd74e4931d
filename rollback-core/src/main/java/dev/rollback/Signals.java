package dev.rollback;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signals that need no adapter: numbers read from a command's output or from a file.
 */
public final class Signals {

  /** The kind of {@link #commandNumber(Command, String)} signals. */
  public static final String COMMAND_NUMBER = "core.commandNumber";
  /** The kind of {@link #fileNumber(RepoPath, String)} signals. */
  public static final String FILE_NUMBER = "core.fileNumber";

  private Signals() {}

  /**
   * A number in a command's output, such as the seed's {@code Total Time: 123s}: the first group of the pattern,
   * or the whole match.
   *
   * @param command the command
   * @param pattern a regular expression
   * @return the signal, in {@link Unit#NUMBER}; use {@link #commandNumber(Command, String, Unit)} for another unit
   */
  public static Signal commandNumber(Command command, String pattern) {
    return commandNumber(command, pattern, Unit.NUMBER);
  }

  /**
   * A number in a command's output, in a given unit.
   *
   * @param command the command
   * @param pattern a regular expression
   * @param unit the number's unit
   * @return the signal
   */
  public static Signal commandNumber(Command command, String pattern, Unit unit) {
    Map<String, Object> params = new LinkedHashMap<>(command.toParams());
    params.put("pattern", pattern);
    return Signal.of(COMMAND_NUMBER, unit, "output of " + command.display(), params);
  }

  /**
   * A number in a file of the repository: the first group of the pattern, or the whole match.
   *
   * @param file the file
   * @param pattern a regular expression
   * @param unit the number's unit
   * @return the signal
   */
  public static Signal fileNumber(RepoPath file, String pattern, Unit unit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("file", file);
    params.put("pattern", pattern);
    return Signal.of(FILE_NUMBER, unit, "number in " + file.path(), params);
  }

  /**
   * A number in a file of the repository, as a plain number.
   *
   * @param file the file
   * @param pattern a regular expression
   * @return the signal
   */
  public static Signal fileNumber(RepoPath file, String pattern) {
    return fileNumber(file, pattern, Unit.NUMBER);
  }
}
