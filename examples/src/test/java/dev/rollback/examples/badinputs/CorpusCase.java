package dev.rollback.examples.badinputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One case of the bad-input corpus, read from its {@code case.txt}: {@code key: value} lines, {@code #} comments,
 * keys that may repeat (see the corpus's README for each key).
 *
 * @param category the category folder (plans, scripts, git, ...)
 * @param name the case's folder name
 * @param folder the case's folder
 * @param about what the case is, in one line
 * @param setup the setup recipes, in order, each a list of words (the recipe's name first); a {@code before} line
 *     stands among them as {@link #BEFORE} and its index, so that both run in the order written
 * @param env the command's environment besides PATH and HOME
 * @param before command lines run before the snapshot, each with the status it must end with (or empty)
 * @param command the launcher's arguments
 * @param process whether the command runs in a new JVM instead of this one
 * @param exit the exit status the command must end with
 * @param says texts the command's standard output or error must hold
 * @param notSays texts neither may hold
 * @param streams texts one stream must hold ({@code stdout}, {@code stderr}) or standard output must not
 *     ({@code not-stdout}), each as the key and the text
 * @param changes what may change (areas or globs over the snapshot's keys); nothing else may
 * @param expect checks on the sandbox after the command
 * @param secrets values that must appear in no output and no file the command wrote
 */
record CorpusCase(String category, String name, Path folder, String about, List<List<String>> setup,
    Map<String, String> env, List<Before> before, List<String> command, boolean process, int exit, List<String> says,
    List<String> notSays, List<Map.Entry<String, String>> streams, List<String> changes, List<List<String>> expect, List<String> secrets) {

  /** The setup entry that stands for a {@code before} line, with its index among {@link #before()}. */
  static final String BEFORE = "@before";

  /** The file that makes a folder a case. */
  static final String FILE = "case.txt";

  private static final Set<String> KEYS = Set.of("about", "setup", "env", "before", "run", "process", "exit", "says",
      "not-says", "stdout", "stderr", "not-stdout", "changes", "expect", "secret");

  /**
   * A command run before the snapshot.
   *
   * @param exit the status it must end with; empty when any will do
   * @param process whether it runs in a new JVM
   * @param command the launcher's arguments
   */
  record Before(Optional<Integer> exit, boolean process, List<String> command) {}

  /** The test's name: the folder and what the case is. */
  String title() {
    return name + ": " + about;
  }

  /**
   * Reads a case.
   *
   * @param file its {@code case.txt}
   * @return the case
   * @throws IllegalArgumentException naming the file and line of a mistake
   */
  static CorpusCase read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path folder = file.getParent();
    String about = null;
    List<List<String>> setup = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<Before> before = new ArrayList<>();
    List<String> command = null;
    boolean process = false;
    Integer exit = null;
    List<String> says = new ArrayList<>();
    List<String> notSays = new ArrayList<>();
    List<Map.Entry<String, String>> streams = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    List<List<String>> expect = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      int colon = line.indexOf(':');
      String key = colon < 0 ? line : line.substring(0, colon).strip();
      if (colon < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException(where + ": expected 'key: value' with a key among " + KEYS + ", was '"
            + line + "'");
      }
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "about":
          about = value;
          break;
        case "setup":
          // A shell line is kept whole, for sh to read.
          setup.add(value.startsWith("sh ") ? List.of("sh", value.substring(3).strip()) : Words.split(value, where));
          break;
        case "env":
          int eq = value.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException(where + ": env takes NAME=VALUE, was '" + value + "'");
          }
          env.put(value.substring(0, eq), Words.unescape(value.substring(eq + 1), where));
          break;
        case "before":
          List<String> words = new ArrayList<>(Words.split(value, where));
          Optional<Integer> status = Optional.empty();
          boolean inProcess = false;
          while (!words.isEmpty() && (words.get(0).startsWith("exit=") || words.get(0).equals("process"))) {
            String w = words.remove(0);
            if (w.equals("process")) {
              inProcess = true;
            } else {
              status = Optional.of(Integer.parseInt(w.substring("exit=".length())));
            }
          }
          before.add(new Before(status, inProcess, words));
          // Setup and before lines run in the order they are written.
          setup.add(List.of(BEFORE, Integer.toString(before.size() - 1)));
          break;
        case "run":
          command = Words.split(value, where);
          break;
        case "process":
          process = Boolean.parseBoolean(value);
          break;
        case "exit":
          exit = Integer.parseInt(value);
          break;
        case "says":
          says.add(Words.unescape(value, where));
          break;
        case "not-says":
          notSays.add(Words.unescape(value, where));
          break;
        case "stdout":
        case "stderr":
        case "not-stdout":
          streams.add(Map.entry(key, Words.unescape(value, where)));
          break;
        case "changes":
          changes.addAll(Words.split(value, where));
          break;
        case "expect":
          expect.add(Words.split(value, where));
          break;
        default:
          secrets.add(Words.unescape(value, where));
      }
    }
    if (about == null || command == null || exit == null) {
      throw new IllegalArgumentException(file + ": a case needs 'about', 'run' and 'exit'");
    }
    if (exit == 0 && says.isEmpty()) {
      throw new IllegalArgumentException(file + ": even a case that succeeds says what it shows ('says')");
    }
    if (exit != 0 && says.size() < 2) {
      throw new IllegalArgumentException(file + ": a failing case names what was wrong and what to do: at least two"
          + " 'says' lines");
    }
    return new CorpusCase(folder.getParent().getFileName().toString(), folder.getFileName().toString(), folder, about,
        List.copyOf(setup), Map.copyOf(env), List.copyOf(before), List.copyOf(command), process, exit,
        List.copyOf(says), List.copyOf(notSays), List.copyOf(streams), List.copyOf(changes), List.copyOf(expect), List.copyOf(secrets));
  }

  /** Words of a line, as a shell splits them (quotes, no expansion), and escapes in values. */
  static final class Words {

    private Words() {}

    /**
     * Splits a line into words: whitespace separates them; {@code '...'} quotes literally; {@code "..."} quotes
     * with the escapes of {@link #unescape}.
     */
    static List<String> split(String line, String where) {
      List<String> words = new ArrayList<>();
      StringBuilder w = null;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (Character.isWhitespace(c)) {
          if (w != null) {
            words.add(w.toString());
            w = null;
          }
          continue;
        }
        if (w == null) {
          w = new StringBuilder();
        }
        if (c == '\'' || c == '"') {
          int end = line.indexOf(c, i + 1);
          while (c == '"' && end > 0 && line.charAt(end - 1) == '\\' && !escapedBackslash(line, end - 1)) {
            end = line.indexOf(c, end + 1);
          }
          if (end < 0) {
            throw new IllegalArgumentException(where + ": unclosed " + c + " in '" + line + "'");
          }
          String inside = line.substring(i + 1, end);
          w.append(c == '"' ? unescape(inside, where) : inside);
          i = end;
        } else {
          w.append(c);
        }
      }
      if (w != null) {
        words.add(w.toString());
      }
      return words;
    }

    private static boolean escapedBackslash(String s, int backslash) {
      int n = 0;
      for (int i = backslash; i >= 0 && s.charAt(i) == '\\'; i--) {
        n++;
      }
      return n % 2 == 0;
    }

    /** Reads {@code \\}, {@code \"}, {@code \n}, {@code \t}, {@code \r}, {@code \e} and {@code \}{@code uXXXX}. */
    static String unescape(String s, String where) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\\' || i + 1 == s.length()) {
          b.append(c);
          continue;
        }
        char n = s.charAt(++i);
        switch (n) {
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          case 'r':
            b.append('\r');
            break;
          case 'e':
            b.append('\u001b');
            break;
          case 'u':
            if (i + 4 >= s.length()) {
              throw new IllegalArgumentException(where + ": \\u needs four hex digits in '" + s + "'");
            }
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
            break;
          default:
            b.append(n);
        }
      }
      return b.toString();
    }
  }
}
