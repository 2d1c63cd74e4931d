package dev.rollback.docker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service of a compose file, interpolated and resolved: what the runner needs to run it once.
 *
 * @param name the service's name
 * @param image the image to run, or the tag to give the built image
 * @param build how to build the image, when the service builds one
 * @param command the command, split into words, replacing the image's
 * @param entrypoint the entrypoint, split into words, replacing the image's
 * @param environment the container's environment: {@code env_file} entries, then {@code environment}, in order
 * @param volumes what is mounted
 * @param workingDir the working directory inside the container
 * @param networkMode the network mode, such as {@code none}
 * @param user the user to run as
 * @param labels labels from the file, put on the container besides the adapter's own
 * @param warnings keys the runner ignores because {@code run} ignores them too, and unset variables
 */
public record ComposeService(String name, Optional<String> image, Optional<ComposeBuild> build,
    Optional<List<String>> command, Optional<List<String>> entrypoint, Map<String, String> environment,
    List<VolumeMount> volumes, Optional<String> workingDir, Optional<String> networkMode, Optional<String> user,
    Map<String, String> labels, List<String> warnings) {

  /**
   * Creates the value.
   *
   * @param name the name
   * @param image the image
   * @param build the build
   * @param command the command
   * @param entrypoint the entrypoint
   * @param environment the environment
   * @param volumes the mounts
   * @param workingDir the working directory
   * @param networkMode the network mode
   * @param user the user
   * @param labels the labels
   * @param warnings the warnings
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the service has neither an image nor a build
   */
  public ComposeService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(build, "build");
    command = command.map(List::copyOf);
    entrypoint = entrypoint.map(List::copyOf);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    volumes = List.copyOf(volumes);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(networkMode, "networkMode");
    Objects.requireNonNull(user, "user");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    warnings = List.copyOf(warnings);
    if (image.isEmpty() && build.isEmpty()) {
      throw new IllegalArgumentException("service " + name + " has neither an image nor a build");
    }
  }
}
