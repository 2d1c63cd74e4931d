package dev.rollback.git.internal;

import java.util.ArrayList;
import java.util.List;

/** Commit and tag messages as git stores them. */
final class Messages {

  private Messages() {}

  /**
   * git's {@code --cleanup=whitespace}, what {@code git commit -m} applies: trailing whitespace removed from each
   * line, leading and trailing blank lines dropped, runs of blank lines collapsed to one, and a final newline.
   *
   * @param message the message as given
   * @return the message as git would store it
   */
  static String cleanup(String message) {
    List<String> lines = new ArrayList<>();
    boolean blank = false;
    for (String line : message.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.isEmpty()) {
        blank = !lines.isEmpty();
        continue;
      }
      if (blank) {
        lines.add("");
        blank = false;
      }
      lines.add(trimmed);
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
