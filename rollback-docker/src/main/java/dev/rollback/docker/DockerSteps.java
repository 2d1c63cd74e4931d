package dev.rollback.docker;

import dev.rollback.Effect;
import dev.rollback.Ref;
import dev.rollback.RepoPath;
import dev.rollback.Step;
import dev.rollback.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Docker steps for plans, interpreted by the {@link DockerAdapter}.
 *
 * <pre>{@code
 * DockerSteps.runComposeService(path("docker-compose.test.yml"), "test")      // like run --rm test; fails on exit != 0
 * DockerSteps.buildImage(path("."), "app:v2")
 * DockerSteps.moveTag("app:latest", "app:v2")                                  // app:rollback-prev keeps the old one
 * DockerSteps.restoreTag("app:latest")                                         // back to app:rollback-prev
 * DockerSteps.removeRunLeftovers()                                             // everything labelled with this run
 * }</pre>
 */
public final class DockerSteps {

  /** The kind of {@link #runComposeService} steps. */
  public static final String RUN_COMPOSE_SERVICE = "docker.runComposeService";
  /** The kind of {@link #buildImage} steps. */
  public static final String BUILD_IMAGE = "docker.buildImage";
  /** The kind of {@link #moveTag} steps. */
  public static final String MOVE_TAG = "docker.moveTag";
  /** The kind of {@link #restoreTag} steps. */
  public static final String RESTORE_TAG = "docker.restoreTag";
  /** The kind of {@link #removeByLabel} steps. */
  public static final String REMOVE_BY_LABEL = "docker.removeByLabel";

  private DockerSteps() {}

  /**
   * Runs a compose service once, like {@code docker compose -f <file> run --rm <service>}, and fails unless it
   * exits 0. Its image is built (Docker's cache makes an unchanged build quick) and its container removed. The
   * service may run for the step's {@linkplain Step#timeout(java.time.Duration) timeout}, less a margin to remove
   * it. Reversible: compensation points the service's image tag back where it was before the build.
   *
   * @param file the compose file, relative to the repository
   * @param service the service's name
   * @return the step; its output is the exit code
   */
  public static Step runComposeService(RepoPath file, String service) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(service, "service");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("file", file);
    params.put("service", service);
    return Step.of(RUN_COMPOSE_SERVICE, "run " + service + " of " + file.path(), Effect.REVERSIBLE, params);
  }

  /**
   * Runs a compose service once with extra variables for the file's interpolation; see
   * {@link #runComposeService(RepoPath, String)}.
   *
   * @param file the compose file, relative to the repository
   * @param service the service's name
   * @param variables variables: text, {@code Secret}s, {@code Ref}s or {@code Template}s
   * @return the step
   */
  public static Step runComposeService(RepoPath file, String service, Map<String, ?> variables) {
    return runComposeService(file, service).with("env", new LinkedHashMap<String, Object>(variables));
  }

  /**
   * Builds an image from a folder of the repository (its {@code Dockerfile}) and tags it. When the tag pointed at
   * another image, that image keeps a keep-alive tag ({@code repo:rollback-prev} for {@code latest}), and the
   * previous id is remembered first, so compensation points the tag back.
   *
   * @param context the build context folder, relative to the repository
   * @param tag the tag, such as {@code app:v2}
   * @return the step; its output is the new image's id
   */
  public static Step buildImage(RepoPath context, String tag) {
    return buildImage(context, "Dockerfile", tag, Map.of());
  }

  /**
   * Builds an image from a folder of the repository with a given Dockerfile and build arguments; see
   * {@link #buildImage(RepoPath, String)}.
   *
   * @param context the build context folder, relative to the repository
   * @param dockerfile the Dockerfile's path inside the context
   * @param tag the tag
   * @param args build arguments
   * @return the step
   */
  public static Step buildImage(RepoPath context, String dockerfile, String tag, Map<String, String> args) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("context", Objects.requireNonNull(context, "context"));
    params.put("dockerfile", Objects.requireNonNull(dockerfile, "dockerfile"));
    params.put("tag", new ImageRef(tag));
    if (!args.isEmpty()) {
      params.put("args", new LinkedHashMap<String, Object>(args));
    }
    return Step.of(BUILD_IMAGE, "build " + tag + " from " + context.path(), Effect.REVERSIBLE, params);
  }

  /**
   * Points a tag at an image, as {@code docker tag} does, after remembering where it pointed and tagging that image
   * with the keep-alive tag ({@code repo:rollback-prev} for {@code latest}, {@code repo:<tag>-rollback-prev}
   * otherwise). Compensation points it back.
   *
   * @param tag the tag to move, such as {@code app:latest}
   * @param image the image: a reference or id as text or {@link ImageRef}, or a {@link Ref} to an earlier output
   * @return the step; its output is the image id the tag points to
   */
  public static Step moveTag(String tag, Object image) {
    Objects.requireNonNull(image, "image");
    Object img = image instanceof String ? new ImageRef((String) image) : image;
    if (!(img instanceof ImageRef) && !(img instanceof Ref)) {
      throw new IllegalArgumentException("image must be text, an ImageRef or a Ref, not " + image.getClass().getName());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("tag", new ImageRef(tag));
    params.put("image", img);
    return Step.of(MOVE_TAG, "point " + tag + " at " + (img instanceof Ref ? ((Ref) img).text() : img), Effect.REVERSIBLE,
        params);
  }

  /**
   * Points a tag back at the image it pointed to before it last moved, as its keep-alive tag records: the image
   * rollback. Compensation points it at the image it pointed to before this step.
   *
   * @param tag the tag, such as {@code app:latest}
   * @return the step; its output is the image id the tag points to again
   */
  public static Step restoreTag(String tag) {
    return Step.of(RESTORE_TAG, "point " + tag + " back at its previous image", Effect.REVERSIBLE,
        Map.of("tag", new ImageRef(tag)));
  }

  /**
   * Removes every container (with its anonymous volumes), image and volume carrying a label. Cannot be undone.
   *
   * @param label {@code key} or {@code key=value}, such as {@code dev.rollback.managed=true}; text or a
   *     {@link Template}
   * @return the step; its output is how many objects were removed
   */
  public static Step removeByLabel(Object label) {
    Objects.requireNonNull(label, "label");
    if (!(label instanceof String) && !(label instanceof Template)) {
      throw new IllegalArgumentException("label must be text or a Template, not " + label.getClass().getName());
    }
    return Step.of(REMOVE_BY_LABEL, "remove what carries " + label, Effect.IRREVERSIBLE, Map.of("label", label));
  }

  /**
   * Removes what this run created: everything labelled {@code dev.rollback.run=<run id>}.
   *
   * @return the step
   */
  public static Step removeRunLeftovers() {
    return removeByLabel(new Template(DockerLabels.RUN + "={{run.id}}")).named("remove this run's Docker leftovers");
  }
}
