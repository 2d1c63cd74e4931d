package dev.rollback.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.docker.DockerUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the engine the way the docker command line does: {@code DOCKER_HOST}, else the context named by
 * {@code DOCKER_CONTEXT}, else the current context of {@code $DOCKER_CONFIG/config.json} (default
 * {@code ~/.docker}), else the default socket.
 */
public final class EngineLocator {

  /** The default engine address on Linux. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /**
   * Where the engine is.
   *
   * @param host the address
   * @param source where it came from, for messages
   * @param tlsDirectory a directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for TLS, when used
   */
  public record Target(String host, String source, Optional<Path> tlsDirectory) {}

  private EngineLocator() {}

  /**
   * An explicit address.
   *
   * @param host such as {@code unix:///run/docker.sock} or {@code tcp://127.0.0.1:2375}
   * @return the target
   * @throws IllegalArgumentException if the address is not one docker-java can use
   */
  public static Target explicit(String host) {
    return new Target(validate(host, "the host given"), "the host given", Optional.empty());
  }

  /**
   * Locates the engine from an environment.
   *
   * @param env the environment variables
   * @param home the user's home directory
   * @return the target
   * @throws DockerUnavailableException if a context is named but not found, or an address is unusable
   */
  public static Target locate(Map<String, String> env, Path home) {
    String host = env.get("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return new Target(validate(host.trim(), "DOCKER_HOST"), "DOCKER_HOST", tls(env, host));
    }
    Path config = Optional.ofNullable(env.get("DOCKER_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)
        .orElse(home.resolve(".docker"));
    String context = env.get("DOCKER_CONTEXT");
    String contextSource = "DOCKER_CONTEXT";
    if (context == null || context.isBlank()) {
      context = currentContext(config.resolve("config.json"));
      contextSource = "the current context in " + config.resolve("config.json");
    }
    if (context != null && !context.isBlank() && !context.equals("default")) {
      return fromContext(config, context.trim(), contextSource);
    }
    return new Target(DEFAULT_HOST, "the default socket", Optional.empty());
  }

  private static String currentContext(Path configJson) {
    if (!Files.isRegularFile(configJson)) {
      return null;
    }
    try {
      JsonNode root = Json.mapper().readTree(configJson.toFile());
      JsonNode ctx = root == null ? null : root.get("currentContext");
      return ctx == null || ctx.isNull() ? null : ctx.asText();
    } catch (IOException e) {
      throw new DockerUnavailableException(DEFAULT_HOST, "cannot read the docker configuration " + configJson
          + " to find the current context: " + e.getMessage(), e);
    }
  }

  private static Target fromContext(Path config, String context, String contextSource) {
    String hash = sha256(context);
    Path meta = config.resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
    String source = "docker context '" + context + "' (" + contextSource + ")";
    if (!Files.isRegularFile(meta)) {
      throw new DockerUnavailableException("context:" + context, source + " has no endpoint: " + meta
          + " does not exist; create the context with 'docker context create' or set DOCKER_HOST", null);
    }
    String host;
    try {
      JsonNode root = Json.mapper().readTree(meta.toFile());
      JsonNode h = root.path("Endpoints").path("docker").path("Host");
      if (h.isMissingNode() || h.asText().isBlank()) {
        throw new DockerUnavailableException("context:" + context, source + " has no docker endpoint host in " + meta,
            null);
      }
      host = h.asText();
    } catch (IOException e) {
      throw new DockerUnavailableException("context:" + context, "cannot read " + meta + " for " + source + ": "
          + e.getMessage(), e);
    }
    Path tlsDir = config.resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
    Optional<Path> tls = Files.isRegularFile(tlsDir.resolve("ca.pem")) ? Optional.of(tlsDir) : Optional.empty();
    return new Target(validate(host, source), source, tls);
  }

  private static Optional<Path> tls(Map<String, String> env, String host) {
    String verify = env.get("DOCKER_TLS_VERIFY");
    if (!host.startsWith("tcp://") || verify == null || verify.isEmpty() || verify.equals("0")) {
      return Optional.empty();
    }
    String certPath = env.get("DOCKER_CERT_PATH");
    return Optional.of(certPath == null || certPath.isBlank()
        ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker") : Path.of(certPath));
  }

  private static String validate(String host, String source) {
    URI uri;
    try {
      uri = new URI(host);
    } catch (URISyntaxException e) {
      throw new DockerUnavailableException(host, "the Docker host '" + host + "' from " + source
          + " is not a valid address: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if ("unix".equals(scheme) || "npipe".equals(scheme)) {
      if (uri.getPath() == null || uri.getPath().isEmpty()) {
        throw new DockerUnavailableException(host, "the Docker host '" + host + "' from " + source
            + " names no socket path; use unix:///path/to/docker.sock", null);
      }
      return host;
    }
    if ("tcp".equals(scheme)) {
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new DockerUnavailableException(host, "the Docker host '" + host + "' from " + source
            + " needs a host and a port, such as tcp://127.0.0.1:2375", null);
      }
      return host;
    }
    throw new DockerUnavailableException(host, "the Docker host '" + host + "' from " + source
        + " uses the scheme '" + scheme + "', which the adapter does not support; use unix:// or tcp://", null);
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
