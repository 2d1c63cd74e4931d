package dev.rollback.docker.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a command written as one string into words the way a POSIX shell does, as compose does. */
public final class ShellWords {

  private ShellWords() {}

  /**
   * Splits a command.
   *
   * @param s the command, such as {@code sh -c 'echo "hi there"'}
   * @return the words
   * @throws IllegalArgumentException naming the command when a quote is not closed
   */
  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("the single quote at position " + i + " of \"" + s + "\" is not closed");
        }
        w.append(s, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int j = i + 1;
        for (; j < s.length() && s.charAt(j) != '"'; j++) {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < s.length() && "\"\\$`\n".indexOf(s.charAt(j + 1)) >= 0) {
            w.append(s.charAt(++j));
          } else {
            w.append(d);
          }
        }
        if (j >= s.length()) {
          throw new IllegalArgumentException("the double quote at position " + i + " of \"" + s + "\" is not closed");
        }
        i = j;
        inWord = true;
      } else if (c == '\\' && i + 1 < s.length()) {
        w.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
