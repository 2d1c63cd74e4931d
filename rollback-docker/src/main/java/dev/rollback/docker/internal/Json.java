package dev.rollback.docker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The adapter's Jackson mapper, created the first time the adapter reads JSON (an engine's answer, a docker
 * configuration file), not when the adapter is created: the launcher discovers the Docker adapter for every
 * command, and most commands never talk to Docker.
 */
final class Json {

  private Json() {}

  /**
   * The mapper.
   *
   * @return the shared mapper
   */
  static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
