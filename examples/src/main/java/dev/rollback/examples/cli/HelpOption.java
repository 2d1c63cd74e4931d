package dev.rollback.examples.cli;

import picocli.CommandLine.Option;

/** {@code --help} and {@code -h}, which every command takes: a picocli mixin, {@code @Mixin HelpOption help;}. */
public final class HelpOption {

  /** Creates the option, not given. */
  public HelpOption() {}

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;
}
