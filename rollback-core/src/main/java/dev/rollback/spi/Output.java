package dev.rollback.spi;

import java.util.Objects;

/**
 * One named output of a step kind, beside its value: a step bound with {@code .as("revert")} binds its value as
 * {@code revert} and each output {@code k} as {@code revert.k}, for later steps' {@code ref("revert.k")}. Declared in
 * the kind's {@link Contract} and written by its handler with {@link StepResult#withOutput(Output, Object)}, so the
 * name a plan refers to and the name the handler writes are one.
 *
 * <pre>{@code
 * static final Output<List<String>> COMMITS = Output.of("commits", List.class, "every new commit, in order");
 * static final Contract REVERT = Contract.of("git.revert", COMMITS_PARAM, MAINLINE).withOutputs(COMMITS);
 * return StepResult.of("reverted ...").withValue(last).withOutput(COMMITS, ids);
 * }</pre>
 *
 * @param <T> the output's type, plain data ({@link PlainData.Use#RESULT})
 */
public final class Output<T> {

  private final String name;
  private final Class<?> type;
  private final String description;

  private Output(String name, Class<?> type, String description) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * Declares an output.
   *
   * @param name the output's name, appended to the step's: {@code commits} for {@code revert.commits}
   * @param type its type ({@code String.class}, {@code List.class}, {@code Boolean.class}...)
   * @param description what it holds, for the adapter's documentation
   * @param <T> the output's type
   * @return the output
   * @throws NullPointerException if an argument is null
   */
  public static <T> Output<T> of(String name, Class<? super T> type, String description) {
    return new Output<>(name, type, description);
  }

  /**
   * The output's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The output's type.
   *
   * @return the class its values are instances of
   */
  public Class<?> type() {
    return type;
  }

  /**
   * What the output holds.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "Output[" + name + ": " + type.getSimpleName() + "]";
  }
}
