package dev.rollback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validation rules for names, paths and Git ref names, each problem a sentence naming the value. */
public final class Names {

  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  /** The characters {@code git check-ref-format} refuses anywhere in a ref name, in the order they are reported. */
  private static final String REF_NAME_FORBIDDEN = " ~^:?*[\\";

  private Names() {}

  /**
   * Problems with the name of an output.
   *
   * @param name the name
   * @return problems, empty when valid
   */
  public static List<String> outputNameProblems(String name) {
    if (!isOutputName(name)) {
      return List.of("output name '" + Texts.printable(name)
          + "' must start with a letter and hold only letters, digits, '_', '.' and '-'");
    }
    return List.of();
  }

  /**
   * Whether a character may start the name of an output (or of a template's placeholder): an ASCII letter.
   *
   * @param c the character
   * @return {@code true} when it may
   */
  public static boolean isOutputNameStart(char c) {
    return isAsciiLetter(c);
  }

  /**
   * Whether a character may follow the first in the name of an output: an ASCII letter or digit, {@code _},
   * {@code .} or {@code -}.
   *
   * @param c the character
   * @return {@code true} when it may
   */
  public static boolean isOutputNamePart(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  private static boolean isOutputName(String name) {
    if (name.isEmpty() || !isOutputNameStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!isOutputNamePart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What is wrong with a run id: ids name journal files, so they hold only ASCII letters, digits, {@code .},
   * {@code _} and {@code -}, start with a letter or digit, and are at most 128 characters long; a path such as
   * {@code ../../x/evil} is not an id.
   *
   * @param id the run id
   * @return the problem, naming the value and the rule; empty when valid
   */
  public static java.util.Optional<String> runIdProblem(String id) {
    boolean valid = !id.isEmpty() && id.length() <= 128 && isAsciiLetterOrDigit(id.charAt(0));
    for (int i = 1; valid && i < id.length(); i++) {
      char c = id.charAt(i);
      valid = isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }
    return valid ? java.util.Optional.empty() : java.util.Optional.of("'" + Texts.printable(id) + "' is not a run"
        + " id: run ids start with a letter or digit and hold only letters, digits, '.', '_' and '-' (such as"
        + " 20260101-030000-0a1b2c3d), at most 128 of them");
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  /**
   * Problems with the name of a secret.
   *
   * @param name the name
   * @return problems, empty when valid
   */
  public static List<String> secretNameProblems(String name) {
    if (!SECRET_NAME.matcher(name).matches()) {
      return List.of("secret name '" + Texts.printable(name)
          + "' must start with a letter or '_' and hold only letters, digits, '_', '.' and '-'");
    }
    return List.of();
  }

  /**
   * Problems with a path that must stay inside the repository: empty, absolute, climbing out with {@code ..},
   * pointing into {@code .git}, or holding control characters.
   *
   * @param path the path
   * @return problems, empty when valid
   */
  public static List<String> repoPathProblems(String path) {
    if (path.isEmpty()) {
      return List.of("path is empty");
    }
    boolean absolute = path.charAt(0) == '/' || path.charAt(0) == '\\' || path.charAt(0) == '~'
        || (path.length() > 2 && isAsciiLetter(path.charAt(0)) && path.charAt(1) == ':'
            && (path.charAt(2) == '/' || path.charAt(2) == '\\'));
    boolean climbs = false;
    boolean intoGit = false;
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == '\\') {
        if (i - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
          climbs = true;
        }
        if (start == 0 && i == 4 && path.startsWith(".git")) {
          intoGit = true;
        }
        start = i + 1;
      }
    }
    boolean control = Texts.hasControl(path);
    if (!absolute && !climbs && !intoGit && !control) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(2);
    String shown = Texts.printable(path);
    if (absolute) {
      problems.add("path '" + shown + "' is absolute; paths are relative to the repository's root");
    }
    if (climbs) {
      problems.add("path '" + shown + "' escapes the repository with '..'");
    }
    if (intoGit) {
      problems.add("path '" + shown + "' points into the repository's .git directory");
    }
    if (control) {
      problems.add("path '" + shown + "' holds control characters");
    }
    return problems;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * Problems with a Git ref name, by the rules of {@code git check-ref-format --branch}: what Git refuses as a
   * branch name is refused here too ({@code HEAD}, a leading {@code -}, {@code ..}, <code>@&#123;</code>, control
   * characters, {@code ~ ^ : ? * [ \} and space, empty components, components starting with {@code .} or ending
   * with {@code .lock}, a trailing {@code .}), and what Git accepts is accepted ({@code @}, {@code a@b}, non-ASCII
   * letters).
   *
   * @param name a short branch or tag name, or a full ref name
   * @return problems, empty when valid
   */
  public static List<String> refNameProblems(String name) {
    List<String> wrong = new ArrayList<>();
    if (name.isEmpty()) {
      wrong.add("ref name is empty");
      return wrong;
    }
    if (name.startsWith("-")) {
      wrong.add("starts with '-'");
    }
    if (name.equals("HEAD")) {
      wrong.add("is reserved");
    }
    if (name.contains("..")) {
      wrong.add("contains '..'");
    }
    if (name.contains("@{")) {
      wrong.add("contains '@{'");
    }
    if (Texts.hasAsciiControl(name)) {
      wrong.add("contains control characters");
    }
    for (int i = 0; i < REF_NAME_FORBIDDEN.length(); i++) {
      char c = REF_NAME_FORBIDDEN.charAt(i);
      if (name.indexOf(c) >= 0) {
        wrong.add("contains '" + c + "'");
      }
    }
    if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
      wrong.add("has an empty component (leading, trailing or double '/')");
    }
    if (name.endsWith(".")) {
      wrong.add("ends with '.'");
    }
    int start = 0;
    while (start < name.length()) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? name.length() : slash;
      if (name.startsWith(".", start)) {
        wrong.add("has a component starting with '.'");
        break;
      }
      if (end - start >= 5 && name.startsWith(".lock", end - 5)) {
        wrong.add("has a component ending with '.lock'");
        break;
      }
      start = end + 1;
    }
    if (!wrong.isEmpty()) {
      // The name, its control characters escaped, is only built when something is wrong with it.
      String prefix = "ref name '" + Texts.printable(name) + "' ";
      wrong.replaceAll(what -> prefix + what);
    }
    return wrong;
  }
}
