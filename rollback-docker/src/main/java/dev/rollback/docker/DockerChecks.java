package dev.rollback.docker;

import dev.rollback.Check;
import dev.rollback.RepoPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Docker checks for plans, evaluated by the {@link DockerAdapter}.
 *
 * <pre>{@code
 * DockerChecks.composeServicePasses(path("docker-compose.test.yml"), "test")   // the recovery validation
 * DockerChecks.noOrphanedContainers()                                         // a health check
 * DockerChecks.imageExists("app:latest")
 * DockerChecks.engineAvailable()
 * }</pre>
 */
public final class DockerChecks {

  /** The kind of {@link #composeServicePasses} checks. */
  public static final String COMPOSE_SERVICE_PASSES = "docker.composeServicePasses";
  /** The kind of {@link #noOrphanedContainers} checks. */
  public static final String NO_ORPHANED_CONTAINERS = "docker.noOrphanedContainers";
  /** The kind of {@link #imageExists} checks. */
  public static final String IMAGE_EXISTS = "docker.imageExists";
  /** The kind of {@link #engineAvailable} checks. */
  public static final String ENGINE_AVAILABLE = "docker.engineAvailable";

  private DockerChecks() {}

  /**
   * Passes when the compose service exits 0, run like {@code docker compose -f <file> run --rm <service>}. The
   * evidence holds the exit code and the last lines of stdout and stderr. Running it creates and removes a
   * container (and builds its image), also in a preview: it is the runbook's validation.
   *
   * @param file the compose file, relative to the repository
   * @param service the service's name
   * @return the check; its output is the exit code
   */
  public static Check composeServicePasses(RepoPath file, String service) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("file", Objects.requireNonNull(file, "file"));
    params.put("service", Objects.requireNonNull(service, "service"));
    return Check.of(COMPOSE_SERVICE_PASSES, "docker compose -f " + file.path() + " run --rm " + service + " passes",
        params);
  }

  /**
   * Passes when no container carries Rollback's label {@code dev.rollback.managed=true}: nothing was left behind.
   *
   * @return the check; its output is how many containers carry the label
   */
  public static Check noOrphanedContainers() {
    return noOrphanedContainers(DockerLabels.managed());
  }

  /**
   * Passes when no container carries a label.
   *
   * @param label {@code key} or {@code key=value}
   * @return the check
   */
  public static Check noOrphanedContainers(String label) {
    return Check.of(NO_ORPHANED_CONTAINERS, "no orphaned containers (" + label + ")",
        Map.of("label", Objects.requireNonNull(label, "label")));
  }

  /**
   * Passes when the engine has the image.
   *
   * @param image a reference or an id
   * @return the check; its output is the image's id
   */
  public static Check imageExists(String image) {
    return Check.of(IMAGE_EXISTS, "image " + image + " exists", Map.of("image", new ImageRef(image)));
  }

  /**
   * Passes when the engine answers a ping; the evidence names its version and address.
   *
   * @return the check; its output is the engine's version
   */
  public static Check engineAvailable() {
    return Check.of(ENGINE_AVAILABLE, "Docker engine available", Map.of());
  }
}
