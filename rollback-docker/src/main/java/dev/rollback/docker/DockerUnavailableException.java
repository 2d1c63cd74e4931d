package dev.rollback.docker;

/**
 * No Docker engine answers at the host the adapter was given or found (a dead socket, a stopped engine, a wrong
 * {@code DOCKER_HOST}). The message names the host and where it came from.
 */
public class DockerUnavailableException extends DockerEngineException {

  private static final long serialVersionUID = 1L;

  private final String host;

  /**
   * Creates the exception.
   *
   * @param host the engine's address, such as {@code unix:///var/run/docker.sock}
   * @param message what failed, naming the host and where it came from
   * @param cause the transport's error, may be null
   */
  public DockerUnavailableException(String host, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
  }

  /**
   * The engine's address that did not answer.
   *
   * @return the host
   */
  public String host() {
    return host;
  }
}
