package dev.rollback;

import dev.rollback.internal.Names;
import java.util.List;
import java.util.Objects;

/**
 * A secret named in a plan, never its value: the executor resolves it at run time (from the environment by
 * default) and keeps the value out of logs, the journal, reports, exception messages and {@code toString()}.
 *
 * @param name the secret's name, for example the environment variable {@code SLACK_WEBHOOK_URL}
 */
public record Secret(String name) implements Arg {

  /**
   * Creates a secret reference.
   *
   * @param name the secret's name
   * @throws NullPointerException if {@code name} is null
   */
  public Secret {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String type() {
    return "secret";
  }

  @Override
  public String text() {
    return "secret:" + name;
  }

  @Override
  public List<String> problems() {
    return Names.secretNameProblems(name);
  }

  @Override
  public String toString() {
    return text();
  }
}
