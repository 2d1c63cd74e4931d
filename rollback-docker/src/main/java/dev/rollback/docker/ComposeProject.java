package dev.rollback.docker;

import dev.rollback.docker.internal.ComposeParser;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compose file, read with the subset of keys people write for a test service, ready to run one service the way
 * {@code docker compose run --rm} does.
 *
 * <h2>What is read</h2>
 * Per service: {@code image}; {@code build} (a path, or {@code context}, {@code dockerfile}, {@code args});
 * {@code command} and {@code entrypoint} (a string, split like a shell does, or a list); {@code environment} (a map
 * or a list of {@code KEY=VALUE}; a key without a value takes the variable from the environment);
 * {@code env_file} (one path or a list, relative to the file); {@code volumes} in short form
 * ({@code ./src:/dst:ro}, {@code name:/dst}, {@code /dst}) and long form ({@code type} bind, volume or tmpfs,
 * {@code source}, {@code target}, {@code read_only}), host paths relative to the file's folder;
 * {@code working_dir}; {@code network_mode}; {@code user}; {@code labels}. At the top: {@code services},
 * {@code name}, and {@code volumes} (named volumes, with {@code name} and {@code external}).
 *
 * <p>Values are interpolated as compose does: {@code ${VAR}}, {@code $VAR}, {@code ${VAR:-default}} (unset or
 * empty), {@code ${VAR-default}} (unset), {@code ${VAR:?message}} and {@code ${VAR?message}} (required),
 * {@code ${VAR:+other}} and {@code ${VAR+other}}, and {@code $$} for a literal {@code $}. Variables come from the
 * given environment, then from a {@code .env} file next to the compose file. An unset variable without a default
 * becomes empty, with a warning, as in compose.
 *
 * <h2>Keys outside the subset</h2>
 * Never silently ignored. Keys that {@code run} itself ignores ({@code ports}, {@code restart},
 * {@code container_name}, {@code expose}, {@code healthcheck}, {@code tty}, {@code stdin_open}, {@code logging},
 * {@code deploy}, {@code profiles}; the top-level {@code version}, {@code networks}, {@code secrets},
 * {@code configs}) become {@linkplain ComposeService#warnings() warnings} the caller sees (the adapter puts them
 * in the step's evidence and logs them). Every other key makes the service invalid: running without it could give
 * another result than compose would, so {@link #service(String)} throws a {@link ComposeFileException} naming the
 * file, line and key. Extension fields ({@code x-...}) are accepted, as the compose specification says.
 *
 * <pre>{@code
 * ComposeProject compose = ComposeProject.load(Path.of("docker-compose.test.yml"));
 * ComposeService test = compose.service("test");
 * }</pre>
 */
public final class ComposeProject {

  private final Path file;
  private final String displayName;
  private final String name;
  private final Map<String, Object> services;
  private final List<String> warnings;

  /**
   * Creates a project from parsed services. {@link #load} is the way in.
   *
   * @param file the compose file
   * @param displayName the file as messages name it
   * @param name the project's name
   * @param services each service, or the {@link ComposeFileException} that makes it invalid
   * @param warnings warnings about the file as a whole
   */
  public ComposeProject(Path file, String displayName, String name, Map<String, Object> services,
      List<String> warnings) {
    this.file = Objects.requireNonNull(file, "file");
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.name = Objects.requireNonNull(name, "name");
    services.values().forEach(v -> {
      if (!(v instanceof ComposeService) && !(v instanceof ComposeFileException)) {
        throw new IllegalArgumentException("a service is a ComposeService or a ComposeFileException, not " + v);
      }
    });
    this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads a compose file, interpolating with this process's environment and the {@code .env} file next to it.
   *
   * @param file the compose file
   * @return the project
   * @throws ComposeFileException if the file cannot be read, is not YAML, or its top level is malformed
   * @throws NullPointerException if {@code file} is null
   */
  public static ComposeProject load(Path file) {
    return load(file, System.getenv());
  }

  /**
   * Reads a compose file, interpolating with the given environment and the {@code .env} file next to it (the
   * environment wins).
   *
   * @param file the compose file
   * @param environment the variables for interpolation
   * @return the project
   * @throws ComposeFileException if the file cannot be read, is not YAML, or its top level is malformed
   * @throws NullPointerException if an argument is null
   */
  public static ComposeProject load(Path file, Map<String, String> environment) {
    return ComposeParser.parse(file, file.toString(), environment);
  }

  /**
   * The compose file.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * The file as messages name it, usually the path the caller gave.
   *
   * @return the name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The folder relative paths resolve against: the compose file's.
   *
   * @return the folder
   */
  public Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath() : parent;
  }

  /**
   * The project's name: the top-level {@code name}, else {@code COMPOSE_PROJECT_NAME}, else the folder's name,
   * lower-cased with characters other than letters, digits, {@code -} and {@code _} removed.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The services' names, in the file's order.
   *
   * @return the names
   */
  public Set<String> serviceNames() {
    return services.keySet();
  }

  /**
   * One service, validated.
   *
   * @param service the service's name
   * @return the service
   * @throws ComposeFileException if the file has no such service, or the service uses a key the runner does not
   *     support or a malformed value (the message names file, line and key)
   */
  public ComposeService service(String service) {
    Object s = services.get(service);
    if (s == null) {
      throw new ComposeFileException(displayName, 0, "services", "no service named '" + service + "'; the file has "
          + (services.isEmpty() ? "none" : String.join(", ", services.keySet())));
    }
    if (s instanceof ComposeFileException) {
      ComposeFileException e = (ComposeFileException) s;
      throw new ComposeFileException(e.file(), e.line(), e.key(), problem(e), e);
    }
    return (ComposeService) s;
  }

  private static String problem(ComposeFileException e) {
    String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + (e.key().isEmpty() ? "" : e.key() + ": ");
    return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
  }

  /**
   * Warnings about the file as a whole: obsolete or unused top-level keys, unset variables outside services.
   *
   * @return the warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The tag the runner gives a service's built image when the service names no {@code image}:
   * {@code <project>-<service>}, as {@code docker compose} does.
   *
   * @param service the service's name
   * @return the tag
   */
  public String builtImageName(String service) {
    return name + "-" + service;
  }

  @Override
  public String toString() {
    return "ComposeProject[" + displayName + ", name=" + name + ", services=" + services.keySet() + "]";
  }
}
