package dev.rollback.internal.core;

import java.util.List;
import java.util.Map;

/**
 * A command as a handler reads it from resolved parameters: its words, its directory relative to the workspace, and
 * the variables it adds to the environment.
 *
 * @param argv the program and its arguments
 * @param directory where it runs, relative to the workspace
 * @param env the variables it adds
 */
record CommandLine(List<String> argv, String directory, Map<String, String> env) {

  /** The command in resolved parameters: a step's or check's own, or a nested one (an undo command). */
  static CommandLine of(Map<String, ?> resolved, String owner) {
    return new CommandLine(CoreContracts.ARGV.read(resolved, owner),
        CoreContracts.DIRECTORY.optional(resolved, owner).orElse("."),
        CoreContracts.ENV.optional(resolved, owner).orElse(Map.of()));
  }

  /** The command line as people read it, with its directory when it is not the workspace's root. */
  String display() {
    StringBuilder b = new StringBuilder();
    for (String a : argv) {
      b.append(b.length() > 0 ? " " : "").append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a
          : "'" + a.replace("'", "'\\''") + "'");
    }
    return b + (".".equals(directory) ? "" : " (in " + directory + ")");
  }
}
