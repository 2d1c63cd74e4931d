/**
 * Docker for rollback plans: the {@link dev.rollback.docker.DockerAdapter}, which interprets a plan's
 * {@code docker.*} kinds with a {@link dev.rollback.docker.Docker} client (docker-java over the httpclient5
 * transport), and the step, check and signal factories plans use: {@link dev.rollback.docker.DockerSteps},
 * {@link dev.rollback.docker.DockerChecks}, {@link dev.rollback.docker.DockerSignals}.
 *
 * <p>The adapter runs a compose test service the way {@code docker compose -f docker-compose.test.yml run --rm test}
 * does ({@link dev.rollback.docker.ComposeProject}, {@link dev.rollback.docker.Docker#runService}), reads
 * disk usage and events, builds images, moves tags back to the image they pointed to before, and removes what it
 * created by label ({@link dev.rollback.docker.DockerLabels}).
 *
 * <pre>{@code
 * try (Docker docker = Docker.fromEnvironment()) {
 *   ComposeProject compose = ComposeProject.load(Path.of("docker-compose.test.yml"));
 *   ServiceRun run = docker.runService(compose, "test", ServiceRunOptions.defaults().timeout(Duration.ofMinutes(10)));
 *   if (!run.passed()) {
 *     log.warn("test service failed with exit code {}:\n{}", run.exitCode(), run.stderrTail(20));
 *   }
 * }
 * }</pre>
 */
package dev.rollback.docker;
