package dev.rollback.docker;

import dev.rollback.docker.internal.Tails;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a compose service did: the image, the container (removed by now), the exit code, and stdout and
 * stderr captured apart.
 *
 * @param project the compose project's name
 * @param service the service's name
 * @param image the image reference the container ran
 * @param imageId the image's id
 * @param built whether this run built the image
 * @param replacedImageId the image the tag pointed to before this run's build moved it, when it moved
 * @param containerId the container's id
 * @param containerName the container's name
 * @param exitCode the service's exit code
 * @param oomKilled whether the kernel killed it for lack of memory
 * @param stdout its standard output (the last {@link ServiceRunOptions#maxOutputBytes()} of it)
 * @param stderr its standard error (likewise)
 * @param outputTruncated whether older output was dropped from either stream
 * @param duration from the start of the run (a build included) to the removal of its container
 * @param warnings the compose file's warnings for this service
 */
public record ServiceRun(String project, String service, String image, String imageId, boolean built,
    Optional<String> replacedImageId, String containerId, String containerName, int exitCode, boolean oomKilled,
    String stdout, String stderr, boolean outputTruncated, Duration duration, List<String> warnings) {

  /**
   * Creates the value.
   *
   * @param project the project
   * @param service the service
   * @param image the image
   * @param imageId the image id
   * @param built whether built
   * @param replacedImageId the replaced image
   * @param containerId the container id
   * @param containerName the container name
   * @param exitCode the exit code
   * @param oomKilled whether OOM-killed
   * @param stdout the output
   * @param stderr the errors
   * @param outputTruncated whether truncated
   * @param duration the duration
   * @param warnings the warnings
   * @throws NullPointerException if an argument is null
   */
  public ServiceRun {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(replacedImageId, "replacedImageId");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether the service passed: exit code 0.
   *
   * @return {@code true} on exit code 0
   */
  public boolean passed() {
    return exitCode == 0;
  }

  /**
   * The last lines of stdout; when older output was dropped, never the first line kept, which may have been cut in
   * the middle (of a secret, say).
   *
   * @param lines how many
   * @return the lines, joined with newlines
   */
  public String stdoutTail(int lines) {
    return Tails.tail(stdout, lines, outputTruncated);
  }

  /**
   * The last lines of stderr; when older output was dropped, never the first line kept, which may have been cut in
   * the middle (of a secret, say).
   *
   * @param lines how many
   * @return the lines, joined with newlines
   */
  public String stderrTail(int lines) {
    return Tails.tail(stderr, lines, outputTruncated);
  }

  /**
   * The run in a line.
   *
   * @return such as {@code service test exited 0 in 1.2s (image rollback-test-test)}
   */
  public String describe() {
    return "service " + service + " exited " + exitCode + (oomKilled ? " (killed: out of memory)" : "") + " in "
        + duration.toMillis() + " ms (image " + image + ")";
  }
}
