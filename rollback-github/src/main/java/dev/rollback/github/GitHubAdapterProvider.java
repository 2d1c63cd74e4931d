package dev.rollback.github;

import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discovers the GitHub adapter from the environment, for {@code RollbackExecutor.builder().discoverAdapters()},
 * JShell scripts and the launcher. It needs a token ({@code GITHUB_TOKEN}) and a repository: {@code GITHUB_REPOSITORY}
 * ({@code owner/name}, as GitHub Actions sets it), else the workspace's {@code origin} remote when it is on
 * github.com (or on the host of {@code GITHUB_SERVER_URL}). {@code GITHUB_API_URL} (set by Actions, also on GitHub
 * Enterprise Server) is the API's base URL. Without a token or a repository there is no GitHub adapter.
 */
public final class GitHubAdapterProvider implements AdapterProvider {

  private static final Pattern REMOTE = Pattern.compile(
      "(?:https?://(?:[^@/]+@)?|ssh://git@|git@)([^/:]+)[:/]([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\\.git)?/?");

  private final Map<String, String> environment;

  /** A provider reading the process environment; {@link java.util.ServiceLoader} creates it. */
  public GitHubAdapterProvider() {
    this(System.getenv());
  }

  GitHubAdapterProvider(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String name() {
    return GitHubAdapter.NAME;
  }

  /**
   * The GitHub adapter of the workspace's repository, when a token and a repository are known.
   *
   * @param workspace the executor's workspace
   * @return the adapter, or empty without a token or a repository
   * @throws IOException when the workspace's Git configuration cannot be read
   * @throws IllegalArgumentException when {@code GITHUB_REPOSITORY} or {@code GITHUB_API_URL} is malformed
   */
  @Override
  public Optional<Adapter> create(Path workspace) throws IOException {
    String token = environment.get("GITHUB_TOKEN");
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    Optional<String> repository = Optional.ofNullable(environment.get("GITHUB_REPOSITORY")).filter(s -> !s.isBlank());
    if (repository.isEmpty()) {
      repository = originRepository(workspace);
    }
    if (repository.isEmpty()) {
      return Optional.empty();
    }
    GitHubTarget target = GitHubTarget.of(repository.get().trim());
    String api = environment.get("GITHUB_API_URL");
    if (api != null && !api.isBlank()) {
      target = target.baseUrl(api.trim());
    }
    return Optional.of(GitHubAdapter.builder(target).token(token.trim()).build());
  }

  /** {@code owner/name} of the workspace's {@code origin} remote, when it is on the GitHub host. */
  Optional<String> originRepository(Path workspace) throws IOException {
    Path config = workspace.resolve(".git").resolve("config");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    String host = Optional.ofNullable(environment.get("GITHUB_SERVER_URL")).map(u -> u.replaceFirst("^https?://", "")
        .replaceFirst("/.*$", "")).orElse("github.com");
    List<String> lines = Files.readAllLines(config);
    boolean origin = false;
    for (String raw : lines) {
      String line = raw.trim();
      if (line.startsWith("[")) {
        origin = line.replaceAll("\\s+", " ").equals("[remote \"origin\"]");
      } else if (origin && line.startsWith("url")) {
        String url = line.substring(line.indexOf('=') + 1).trim();
        Matcher m = REMOTE.matcher(url);
        if (m.matches() && m.group(1).equalsIgnoreCase(host)) {
          return Optional.of(m.group(2) + "/" + m.group(3));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "GitHubAdapterProvider";
  }
}
