package dev.rollback.examples.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A command's picocli command line: parses its arguments into the command's fields, turning picocli's errors into
 * the launcher's messages ({@link UsageException}), and writes its help, {@link #WIDTH} columns wide.
 */
final class VerbLine {

  /** The width the launcher's help fits in. */
  static final int WIDTH = 100;

  private final Verb verb;
  private final CommandLine line;

  private VerbLine(Verb verb, CommandLine line) {
    this.verb = verb;
    this.line = line;
  }

  /**
   * The command line of a command, with its help laid out.
   *
   * @param verb the command, annotated with {@code @Command}
   * @return its command line
   */
  static VerbLine of(Verb verb) {
    CommandLine line = new CommandLine(verb);
    line.setExpandAtFiles(false);
    line.setOverwrittenOptionsAllowed(true);
    line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    line.setUsageHelpWidth(WIDTH);
    UsageMessageSpec u = line.getCommandSpec().usageMessage();
    u.width(WIDTH).autoWidth(false).synopsisHeading("usage: ")
        .customSynopsis(wrap("usage: " + verb.usage(), WIDTH, "    ").substring("usage: ".length()).split("\n"))
        .description(verb.summary()).descriptionHeading("")
        .parameterListHeading("%nArguments:%n").optionListHeading("%nOptions:%n")
        .abbreviateSynopsis(false).sortOptions(true).longOptionsMaxWidth(28)
        .footerHeading("%n").footer("Exit status: 0 success; 1 problems found or a run that did not succeed; 2 could"
            + " not run; 3 could not decide. Options take their value as --opt VALUE or --opt=VALUE.");
    return new VerbLine(verb, line);
  }

  /** The picocli command line, for the launcher's whole tree (completion). */
  CommandLine commandLine() {
    return line;
  }

  /**
   * Parses the arguments into the command's fields.
   *
   * @param args the arguments after the command's name
   * @return whether help was asked for ({@code --help}, {@code -h})
   * @throws UsageException naming what is wrong
   */
  boolean parse(List<String> args) {
    try {
      line.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.UnmatchedArgumentException e) {
      String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
      if (first.startsWith("-")) {
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        List<String> names = optionNames(line.getCommandSpec());
        throw new UsageException("unknown option " + option + " for " + verb.name() + "; it takes "
            + (names.isEmpty() ? "none but --help" : String.join(", ", names)) + closest(option, names).map(c -> "\ndid you mean " + c + "?").orElse(""));
      }
      throw new UsageException("unexpected argument '" + first + "'");
    } catch (CommandLine.MissingParameterException e) {
      Optional<OptionSpec> option = e.getMissing().stream().filter(ArgSpec::isOption).map(a -> (OptionSpec) a)
          .findFirst();
      throw new UsageException(option.map(o -> verb.needsValue(typed(o, args))).orElse(e.getMessage()));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    return line.isUsageHelpRequested();
  }

  /** The name of an option as it was typed last (--workspace for --repo, say). */
  private static String typed(OptionSpec option, List<String> args) {
    for (int i = args.size() - 1; i >= 0; i--) {
      for (String name : option.names()) {
        if (args.get(i).equals(name) || args.get(i).startsWith(name + "=")) {
          return name;
        }
      }
    }
    return option.longestName();
  }

  /**
   * The command's help: usage, summary, arguments and every option described.
   *
   * @return the text, lines at most {@link #WIDTH} columns, ending with a newline
   */
  String help() {
    return line.getUsageMessage().replace("\r\n", "\n");
  }

  /** The long option names a command takes, sorted, other than help. */
  static List<String> optionNames(CommandSpec spec) {
    TreeSet<String> names = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          names.add(n);
        }
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * The candidate closest to what was typed, when it is close enough to be a slip: at most one edit for short
   * words, two for longer ones, or a unique candidate that starts with it.
   *
   * @param typed what was typed
   * @param candidates what could have been meant
   * @return the closest candidate, when one is close
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(typed, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    String bare = typed.replaceFirst("^-+", "");
    int allowed = bare.length() <= 4 ? 1 : 2;
    if (best != null && bestDistance <= allowed) {
      return Optional.of(best);
    }
    List<String> prefixed = candidates.stream().filter(c -> bare.length() >= 2
        && c.replaceFirst("^-+", "").startsWith(bare)).collect(java.util.stream.Collectors.toList());
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }

  /** The edit distance between two words, a swap of two neighbours counting as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * Wraps text at spaces so that no line is longer than the width (a word longer than that stays whole).
   *
   * @param text the text
   * @param width the most columns a line takes
   * @param indent what starts every line after the first
   * @return the lines, joined with newlines, without a final one
   */
  static String wrap(String text, int width, String indent) {
    StringBuilder out = new StringBuilder();
    String body = text.stripLeading();
    StringBuilder current = new StringBuilder(text.substring(0, text.length() - body.length()));
    String lead = current.toString();
    for (String word : body.split(" ")) {
      if (current.length() > 0 && current.length() + 1 + word.length() > width) {
        out.append(current).append('\n');
        current.setLength(0);
        current.append(indent);
      } else if (current.length() > 0 && !current.toString().equals(indent) && !current.toString().equals(lead)) {
        current.append(' ');
      }
      current.append(word);
    }
    return out.append(current).toString();
  }
}
