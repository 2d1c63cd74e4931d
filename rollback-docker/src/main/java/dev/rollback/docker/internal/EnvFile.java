package dev.rollback.docker.internal;

import dev.rollback.docker.ComposeFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .env} and {@code env_file} files: one {@code KEY=VALUE} a line, blank lines and lines starting
 * with {@code #} skipped, an optional {@code export } prefix, values in single quotes taken literally and values
 * in double quotes with {@code \n}, {@code \"} and {@code \\} escapes, as {@code docker compose} reads them. A
 * line with a key alone takes the variable from the environment, or is skipped when it is unset.
 */
public final class EnvFile {

  private EnvFile() {}

  /**
   * Reads a file.
   *
   * @param file the file
   * @param displayName the file as messages name it
   * @param environment where a key alone takes its value
   * @return the variables, in the file's order
   * @throws ComposeFileException naming the file and line of a malformed line, or the file when it is unreadable
   */
  public static Map<String, String> read(Path file, String displayName, Map<String, String> environment) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComposeFileException(displayName, 0, "", "cannot read the file: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        throw new ComposeFileException(displayName, n + 1, "", "'" + key + "' is not a variable name; write KEY=VALUE");
      }
      if (eq < 0) {
        String v = environment.get(key);
        if (v != null) {
          out.put(key, v);
        }
        continue;
      }
      out.put(key, value(line.substring(eq + 1).strip(), displayName, n + 1, key));
    }
    return out;
  }

  private static String value(String raw, String displayName, int line, String key) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw new ComposeFileException(displayName, line, key, "the value's single quote is not closed");
      }
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char e = raw.charAt(++i);
          b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
        } else {
          b.append(c);
        }
      }
      throw new ComposeFileException(displayName, line, key, "the value's double quote is not closed");
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }
}
