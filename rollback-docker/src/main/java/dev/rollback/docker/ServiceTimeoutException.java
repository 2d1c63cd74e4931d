package dev.rollback.docker;

import java.time.Duration;

/**
 * A compose service ran longer than its timeout. By the time this is thrown its container was killed and removed
 * (the message says so, or says what could not be removed).
 */
public class ServiceTimeoutException extends DockerEngineException {

  private static final long serialVersionUID = 1L;

  private final String service;
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param service the service's name
   * @param timeout the timeout it exceeded
   * @param message what happened, with the container and the output's last lines
   */
  public ServiceTimeoutException(String service, Duration timeout, String message) {
    super(message);
    this.service = service;
    this.timeout = timeout;
  }

  /**
   * The service that did not finish.
   *
   * @return the service's name
   */
  public String service() {
    return service;
  }

  /**
   * The timeout it exceeded.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
