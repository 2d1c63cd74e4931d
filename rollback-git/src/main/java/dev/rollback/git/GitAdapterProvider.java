package dev.rollback.git;

import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Discovers the Git adapter for {@code RollbackExecutor.builder().discoverAdapters()}, JShell scripts and the
 * launcher: the repository whose root is the executor's workspace. Remotes that need credentials get them from
 * {@code ROLLBACK_GIT_TOKEN} (and {@code ROLLBACK_GIT_USER}, {@code x-access-token} unless set, as HTTPS remotes of
 * GitHub expect for a token). A workspace that is not a repository's root has no Git adapter.
 */
public final class GitAdapterProvider implements AdapterProvider {

  private final Map<String, String> environment;

  /** A provider reading the process environment; {@link java.util.ServiceLoader} creates it. */
  public GitAdapterProvider() {
    this(System.getenv());
  }

  GitAdapterProvider(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Always {@code git}.
   *
   * @return {@code git}
   */
  @Override
  public String name() {
    return "git";
  }

  /**
   * The Git adapter of the workspace, when the workspace is a repository's root.
   *
   * @param workspace the executor's workspace
   * @return the adapter, or empty when the workspace is no repository's root
   */
  @Override
  public Optional<Adapter> create(Path workspace) {
    if (!Files.exists(workspace.resolve(".git")) && !Files.isRegularFile(workspace.resolve("HEAD"))) {
      return Optional.empty();
    }
    GitAdapter adapter;
    try {
      adapter = GitAdapter.open(workspace);
    } catch (GitException notARepository) {
      return Optional.empty();
    }
    String token = environment.get("ROLLBACK_GIT_TOKEN");
    if (token != null && !token.isBlank()) {
      String user = environment.getOrDefault("ROLLBACK_GIT_USER", "x-access-token");
      adapter = adapter.withCredentials(user.isBlank() ? "x-access-token" : user.trim(), token.trim());
    }
    return Optional.of(adapter);
  }
}
