package dev.rollback.docker.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that run against a real Docker engine (DOCKER_HOST, the current context or the default socket) with
 * the tiny test image imported ({@link DockerEngineExtension#TEST_IMAGE}). Without them the tests are skipped with
 * the reason, unless {@code CI=true}, where they fail: CI must never pass by skipping. {@code scripts/test.sh}
 * starts a private engine and imports the image.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerEngineExtension.class)
@Tag("docker")
public @interface RequiresDocker {}
