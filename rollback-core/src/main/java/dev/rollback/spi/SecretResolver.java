package dev.rollback.spi;

import java.util.Optional;

/**
 * Finds the value of a {@link dev.rollback.Secret} by its name, at run time. The executor resolves every secret a
 * plan names before anything runs (a missing one stops the run before it starts) and keeps the values out of
 * everything it writes.
 *
 * <pre>{@code
 * RollbackExecutor.builder().secrets(SecretResolver.environment())          // the default
 * RollbackExecutor.builder().secrets(name -> Optional.ofNullable(vault.read(name)))
 * }</pre>
 */
@FunctionalInterface
public interface SecretResolver {

  /**
   * The secret's value.
   *
   * @param name the secret's name
   * @return the value, when the secret is set
   * @throws Exception when the secret store cannot be read
   */
  Optional<String> resolve(String name) throws Exception;

  /**
   * Secrets from environment variables of the same name: the default.
   *
   * @return the resolver
   */
  static SecretResolver environment() {
    return name -> Optional.ofNullable(System.getenv(name));
  }
}
