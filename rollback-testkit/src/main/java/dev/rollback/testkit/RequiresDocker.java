package dev.rollback.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks JUnit 5 tests that run against a real Docker engine (the one the Docker adapter finds: {@code DOCKER_HOST},
 * the current docker context or the default socket) with the tiny test image imported
 * ({@link DockerEngineExtension#TEST_IMAGE}). Without them the tests are disabled with the reason, unless
 * {@code CI=true}, where they fail: CI must never pass by skipping. {@code scripts/test.sh} starts a private engine
 * and imports the image. The tests are tagged {@code docker}.
 *
 * <pre>{@code
 * @RequiresDocker
 * class MyDockerTest {
 *   @Test
 *   void runsTheService(DockerAdapter docker) { ... }   // the shared, connected adapter
 * }
 * }</pre>
 *
 * <p>The Docker adapter (module {@code rollback-docker}) must be on the test class path; it is found the way
 * {@code RollbackExecutor.Builder.discoverAdapters()} finds it. See {@link DockerEngineExtension}.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerEngineExtension.class)
@Tag("docker")
public @interface RequiresDocker {}
