package dev.rollback.docker.testing;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerEngineException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives Docker tests a connected {@link DockerAdapter}, shared by the whole test run and closed at its end. When no
 * engine answers, or the test image is missing, the tests are skipped with the reason; under {@code CI=true} they
 * fail instead.
 */
public final class DockerEngineExtension implements ExecutionCondition, ParameterResolver {

  /** The image the tests run: busybox imported by scripts/test.sh. */
  public static final String TEST_IMAGE = "rollback-test/busybox:latest";

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DockerEngineExtension.class);

  /** The shared adapter, or why there is none. */
  private static final class Engine implements AutoCloseable {
    final DockerAdapter docker;
    final String problem;

    Engine(DockerAdapter docker, String problem) {
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
   * @return {@code true} when {@code CI=true}
   */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Engine engine(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent(Engine.class, k -> connect(), Engine.class);
  }

  private static Engine connect() {
    DockerAdapter docker = null;
    try {
      docker = DockerAdapter.fromEnvironment();
      docker.engineInfo();
      if (docker.imageId(TEST_IMAGE).isEmpty()) {
        String host = docker.host();
        docker.close();
        return new Engine(null, "the engine at " + host + " lacks the test image " + TEST_IMAGE
            + "; scripts/test.sh imports it");
      }
      return new Engine(docker, null);
    } catch (DockerEngineException e) {
      if (docker != null) {
        docker.close();
      }
      return new Engine(null, "no Docker engine: " + e.getMessage());
    }
  }

  /**
   * Skips (or, under CI, fails) when there is nothing to test against.
   *
   * @param reason why
   */
  public static void unavailable(String reason) {
    if (underCi()) {
      throw new ExtensionConfigurationException("CI=true, so this Docker test must run, but " + reason);
    }
    Assumptions.abort("skipped: " + reason + " (scripts/test.sh starts an engine; under CI=true this fails)");
  }

  /**
   * Disables the tests, with the reason, when there is nothing to test against; under CI fails them instead.
   *
   * @param context the test or class
   * @return enabled, or disabled with the reason
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Engine e = engine(context);
    if (e.docker != null) {
      return ConditionEvaluationResult.enabled("a Docker engine answers at " + e.docker.host());
    }
    if (underCi()) {
      throw new ExtensionConfigurationException("CI=true, so this Docker test must run, but " + e.problem);
    }
    return ConditionEvaluationResult.disabled("skipped: " + e.problem
        + " (under CI=true this fails)");
  }

  /**
   * The shared adapter.
   *
   * @param context any extension context of the run
   * @return the adapter, when there is an engine
   */
  public static Optional<DockerAdapter> shared(ExtensionContext context) {
    return Optional.ofNullable(engine(context).docker);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
    return p.getParameter().getType() == DockerAdapter.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
    Engine e = engine(c);
    if (e.docker == null) {
      unavailable(e.problem);
    }
    return e.docker;
  }
}
