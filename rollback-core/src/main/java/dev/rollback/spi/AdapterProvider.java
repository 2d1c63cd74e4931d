package dev.rollback.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates an adapter from its environment, for discovery through {@link java.util.ServiceLoader}: a convenience
 * for JShell scripts and the launcher ({@code RollbackExecutor.builder().discoverAdapters()}). Adapters registered
 * explicitly come first; a discovered adapter whose name is taken is skipped. Register an implementation in
 * {@code META-INF/services/dev.rollback.spi.AdapterProvider}.
 */
public interface AdapterProvider {

  /**
   * The name of the adapter this provider creates, such as {@code git}.
   *
   * @return the name
   */
  String name();

  /**
   * Creates the adapter for a workspace, when the environment provides what it needs (a repository, a Docker
   * engine, a token).
   *
   * @param workspace the executor's workspace
   * @return the adapter, or empty when the environment lacks what it needs
   * @throws Exception when the adapter should be available but cannot be created
   */
  Optional<Adapter> create(Path workspace) throws Exception;
}
