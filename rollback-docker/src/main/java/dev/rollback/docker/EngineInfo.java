package dev.rollback.docker;

import java.util.Objects;

/**
 * The engine an adapter talks to, as it answered the first ping and version request.
 *
 * @param host the engine's address, such as {@code unix:///var/run/docker.sock}
 * @param source where the address came from: {@code DOCKER_HOST}, a docker context, the default socket, the caller
 * @param version the engine's version, such as {@code 20.10.24}
 * @param apiVersion the engine's API version, such as {@code 1.41}
 * @param os the engine's operating system
 * @param arch the engine's architecture
 */
public record EngineInfo(String host, String source, String version, String apiVersion, String os, String arch) {

  /**
   * Creates the value.
   *
   * @param host the address
   * @param source where it came from
   * @param version the engine's version
   * @param apiVersion the API version
   * @param os the operating system
   * @param arch the architecture
   * @throws NullPointerException if an argument is null
   */
  public EngineInfo {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
  }

  /**
   * The engine in a line, for evidence and logs.
   *
   * @return such as {@code Docker 20.10.24 (API 1.41, linux/amd64) at unix:///var/run/docker.sock}
   */
  public String describe() {
    return "Docker " + version + " (API " + apiVersion + ", " + os + "/" + arch + ") at " + host;
  }
}
