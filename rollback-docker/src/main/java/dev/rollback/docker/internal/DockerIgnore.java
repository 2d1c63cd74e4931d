package dev.rollback.docker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file, as Docker applies them: one pattern a line, {@code #} comments,
 * {@code *} and {@code ?} within one path segment, {@code **} across segments, {@code [...]} classes, a leading
 * {@code !} to include again what an earlier line excluded; the last matching line wins, and a pattern that matches
 * a folder excludes what is inside it. Patterns are relative to the context's root; a leading {@code /} is ignored.
 */
public final class DockerIgnore {

  private record Rule(Pattern pattern, boolean include) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * No rules: nothing is excluded.
   *
   * @return the empty rules
   */
  public static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  /**
   * Reads the {@code .dockerignore} at the root of a context, when there is one.
   *
   * @param context the build context
   * @return its rules
   * @throws IOException if the file exists but cannot be read
   */
  public static DockerIgnore of(Path context) throws IOException {
    Path file = context.resolve(".dockerignore");
    return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : none();
  }

  /**
   * Parses rules.
   *
   * @param lines the file's lines
   * @return the rules
   */
  public static DockerIgnore parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean include = line.startsWith("!");
      if (include) {
        line = line.substring(1).strip();
      }
      line = clean(line);
      if (line.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(regex(line)), include));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /**
   * Whether a path is excluded from the context.
   *
   * @param relative the path relative to the context's root, with {@code /} separators
   * @return {@code true} when the last rule matching the path or one of its parent folders excludes it
   */
  public boolean excludes(String relative) {
    boolean excluded = false;
    for (Rule r : rules) {
      if (matchesSelfOrParent(r.pattern, relative)) {
        excluded = !r.include;
      }
    }
    return excluded;
  }

  /**
   * Whether a folder can be skipped whole: it is excluded and no rule includes anything again.
   *
   * @param relative the folder relative to the context's root
   * @return {@code true} when nothing under it can be part of the context
   */
  public boolean skipsFolder(String relative) {
    return excludes(relative) && rules.stream().noneMatch(Rule::include);
  }

  private static boolean matchesSelfOrParent(Pattern p, String path) {
    if (p.matcher(path).matches()) {
      return true;
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (p.matcher(path.substring(0, i)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String pattern) {
    String p = pattern.replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    List<String> out = new ArrayList<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(seg);
    }
    return String.join("/", out);
  }

  private static String regex(String pattern) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
            b.append("(?:.*/)?");
          } else {
            b.append(".*");
          }
        } else {
          b.append("[^/]*");
        }
      } else if (c == '?') {
        b.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          b.append("\\[");
        } else {
          String cls = pattern.substring(i + 1, end);
          b.append('[').append(cls.startsWith("^") || cls.startsWith("!") ? "^" + escapeClass(cls.substring(1))
              : escapeClass(cls)).append(']');
          i = end;
        }
      } else {
        b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  private static String escapeClass(String cls) {
    return cls.replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&");
  }
}
