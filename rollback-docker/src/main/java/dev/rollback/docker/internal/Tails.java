package dev.rollback.docker.internal;

import java.util.Arrays;
import java.util.List;

/** The last lines of captured output, for evidence and messages. */
public final class Tails {

  private Tails() {}

  /**
   * The last lines of a text; a final newline does not count as an empty last line.
   *
   * @param text the text
   * @param lines how many lines
   * @return the lines, joined with newlines
   */
  public static String tail(String text, int lines) {
    return tail(text, lines, false);
  }

  /**
   * The last lines of a text that may have lost its beginning: then its first line, which may have been cut (through
   * a secret the executor would no longer recognise), is never among them.
   *
   * @param text the text
   * @param lines how many lines
   * @param cut whether older output was dropped before the text
   * @return the lines, joined with newlines
   */
  public static String tail(String text, int lines, boolean cut) {
    List<String> all = Arrays.asList(text.split("\n", -1));
    int end = all.size();
    if (end > 0 && all.get(end - 1).isEmpty()) {
      end--;
    }
    return String.join("\n", all.subList(Math.max(cut ? Math.min(1, end) : 0, end - lines), end));
  }
}
