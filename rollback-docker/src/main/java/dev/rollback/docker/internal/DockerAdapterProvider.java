package dev.rollback.docker.internal;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Lets {@code RollbackExecutor.builder().discoverAdapters()} (the launcher, JShell scripts) find the Docker adapter:
 * the engine the docker command line would use. It is created without contacting the engine; a plan that uses no
 * Docker step, check or signal never does, and one that does learns at assessment when the engine is down.
 */
public final class DockerAdapterProvider implements AdapterProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DockerAdapterProvider() {}

  @Override
  public String name() {
    return DockerAdapter.NAME;
  }

  @Override
  public Optional<Adapter> create(Path workspace) {
    return Optional.of(DockerAdapter.fromEnvironment());
  }
}
