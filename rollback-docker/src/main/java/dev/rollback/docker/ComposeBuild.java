package dev.rollback.docker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a compose service's image is built: {@code build: {context, dockerfile, args}}.
 *
 * @param context the build context directory, absolute (relative paths in the file resolve against its folder)
 * @param dockerfile the Dockerfile's path inside the context, with forward slashes
 * @param args the build arguments, in the file's order
 */
public record ComposeBuild(Path context, String dockerfile, Map<String, String> args) {

  /**
   * Creates the value.
   *
   * @param context the context directory
   * @param dockerfile the Dockerfile inside it
   * @param args build arguments
   * @throws NullPointerException if an argument is null
   */
  public ComposeBuild {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }
}
