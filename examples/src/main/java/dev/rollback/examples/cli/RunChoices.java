package dev.rollback.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The choices of a run or preview that the command line makes instead of the plan's signals: the severity, the
 * emergency procedure, declared facts. A picocli mixin: {@code @Mixin RunChoices choices;}.
 */
public final class RunChoices {

  /** Creates the choices, none made. */
  public RunChoices() {}

  @Option(names = "--severity", paramLabel = "NAME",
      description = "choose the severity level instead of letting the plan's conditions decide")
  String severity;

  @Option(names = "--emergency", description = "use the plan's emergency procedure")
  boolean emergency;

  @Option(names = "--declare", paramLabel = "FACT",
      description = "declare a fact the plan's conditions ask a person for, such as broken; repeatable")
  List<String> declared = new ArrayList<>();

  /** Whether the run monitors after it succeeded ({@code run --monitor}); not an option of this mixin. */
  boolean monitor;
}
