package dev.rollback.testkit;

import dev.rollback.Check;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import dev.rollback.spi.CheckResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link RequiresDocker}: finds the Docker engine once per test run, enables the tests
 * when it answers and has the test image, and gives them the connected Docker adapter, shared by the whole run and
 * closed at its end. When no engine answers, or the test image is missing, the tests are disabled with the reason;
 * under {@code CI=true} they fail instead.
 *
 * <p>The adapter is the one the {@code docker} {@link AdapterProvider} on the class path creates (rollback-docker's,
 * reading {@code DOCKER_HOST}, the docker context or the default socket), so this kit does not depend on
 * rollback-docker. It is probed with the adapter's own checks, {@code docker.engineAvailable} and
 * {@code docker.imageExists}, called through an {@link AdapterHarness}. A test parameter of any type the adapter is
 * an instance of ({@code DockerAdapter}, {@link Adapter}) receives it.
 */
public final class DockerEngineExtension implements ExecutionCondition, ParameterResolver {

  /** The image the tests run: busybox, imported by {@code scripts/test.sh} ({@code docker_test_image_ensure}). */
  public static final String TEST_IMAGE = "rollback-test/busybox:latest";

  /** The name of the Docker adapter and of its provider. */
  private static final String DOCKER = "docker";

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DockerEngineExtension.class);

  /** Creates the extension; JUnit calls this. */
  public DockerEngineExtension() {}

  /** The shared adapter, or why there is none; closed with the root store at the end of the test run. */
  private static final class Engine implements AutoCloseable {
    final Adapter docker;
    final String problem;

    Engine(Adapter docker, String problem) {
      this.docker = docker;
      this.problem = problem;
    }

    @Override
    public void close() {
      if (docker != null) {
        docker.close();
      }
    }
  }

  /**
   * Whether tests run under CI, where a missing engine is a failure.
   *
   * @return {@code true} when the environment variable {@code CI} is {@code true}
   */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Aborts the running test, with the reason, when something a Docker test needs is missing (a tool, say); under
   * {@code CI=true} fails it instead.
   *
   * @param reason what is missing
   * @throws ExtensionConfigurationException under {@code CI=true}
   * @throws org.opentest4j.TestAbortedException otherwise
   */
  public static void unavailable(String reason) {
    if (underCi()) {
      throw new ExtensionConfigurationException("CI=true, so this Docker test must run, but " + reason);
    }
    Assumptions.abort("skipped: " + reason + " (scripts/test.sh starts an engine; under CI=true this fails)");
  }

  /**
   * The shared adapter of the test run, when an engine answers.
   *
   * @param context any extension context of the run
   * @return the adapter; empty when there is no engine or no test image
   */
  public static Optional<Adapter> shared(ExtensionContext context) {
    return Optional.ofNullable(engine(context).docker);
  }

  /**
   * Disables the tests, with the reason, when there is nothing to test against; under {@code CI=true} fails them
   * instead.
   *
   * @param context the test or class
   * @return enabled, or disabled with the reason
   * @throws ExtensionConfigurationException under {@code CI=true} when there is no engine or no test image
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Engine e = engine(context);
    if (e.docker != null) {
      return ConditionEvaluationResult.enabled("a Docker engine answers, with " + TEST_IMAGE);
    }
    if (underCi()) {
      throw new ExtensionConfigurationException("CI=true, so this Docker test must run, but " + e.problem);
    }
    return ConditionEvaluationResult.disabled("skipped: " + e.problem + " (under CI=true this fails)");
  }

  /**
   * Whether a parameter takes the shared adapter: its type is one the Docker adapter is an instance of.
   *
   * @param p the parameter
   * @param c the context
   * @return {@code true} for such a parameter, when there is an adapter
   */
  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
    Class<?> type = p.getParameter().getType();
    if (type == Object.class || type == AutoCloseable.class) {
      return false;
    }
    Engine e = engine(c);
    return e.docker != null ? type.isInstance(e.docker) : Adapter.class.isAssignableFrom(type);
  }

  /**
   * The shared adapter.
   *
   * @param p the parameter
   * @param c the context
   * @return the adapter
   */
  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
    Engine e = engine(c);
    if (e.docker == null) {
      unavailable(e.problem);
    }
    return e.docker;
  }

  private static Engine engine(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent(Engine.class, k -> connect(), Engine.class);
  }

  private static Engine connect() {
    Optional<AdapterProvider> provider = ServiceLoader.load(AdapterProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(DOCKER)).findFirst();
    if (provider.isEmpty()) {
      return new Engine(null, "no Docker adapter on the class path (add rollback-docker to the test dependencies)");
    }
    Adapter docker = null;
    try {
      docker = provider.get().create(Path.of("").toAbsolutePath()).orElse(null);
      if (docker == null) {
        return new Engine(null, "the Docker adapter's provider made no adapter for this environment");
      }
      AdapterHarness probe = AdapterHarness.builder(docker).build();
      probe.evaluate(Check.of("docker.engineAvailable", "Docker engine available", Map.of()));
      CheckResult image = probe.evaluate(Check.of("docker.imageExists", "image " + TEST_IMAGE + " exists",
          Map.of("image", TEST_IMAGE)));
      if (image.status() != CheckResult.Status.PASSED) {
        docker.close();
        return new Engine(null, image.summary() + "; scripts/test.sh imports it");
      }
      return new Engine(docker, null);
    } catch (Exception e) {
      if (docker != null) {
        docker.close();
      }
      return new Engine(null, "no Docker engine: " + e.getMessage());
    }
  }
}
