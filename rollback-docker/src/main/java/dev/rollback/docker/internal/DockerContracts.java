package dev.rollback.docker.internal;

import dev.rollback.RepoPath;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.DockerSteps;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.Contract;
import dev.rollback.spi.Param;
import dev.rollback.spi.ParamException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The contracts of the Docker kinds: each kind's parameters, by the name they have in a plan, read by this package's
 * handlers, evaluators and signal sources through the same constants.
 */
public final class DockerContracts {

  /** A compose file, relative to the workspace. */
  public static final Param<RepoPath, String> FILE = Param.path("file");
  /** A compose service's name. */
  public static final Param<String, String> SERVICE = Param.string("service");
  /** Variables for the compose file's interpolation: text or arguments resolved to text. */
  public static final Param<Map<String, ?>, Map<String, String>> ENV = Param.textMap("env");
  /** How long a service may run. */
  public static final Param<Duration, Duration> SERVICE_TIMEOUT = Param.duration("serviceTimeout");
  /** When a service's image is built: {@code always}, {@code ifMissing} or {@code never}. */
  public static final Param<String, String> BUILD = Param.string("build");
  /** A build's context directory, relative to the workspace. */
  public static final Param<RepoPath, String> CONTEXT = Param.path("context");
  /** A build's Dockerfile, relative to the context. */
  public static final Param<String, String> DOCKERFILE = Param.string("dockerfile");
  /** A build's arguments. */
  public static final Param<Map<String, ?>, Map<String, String>> ARGS = Param.textMap("args");
  /** A movable tag (an image reference, read as its text). */
  public static final Param<String, String> TAG = Param.string("tag");
  /** An image: a reference, an id, or an earlier output holding one. */
  public static final Param<String, String> IMAGE = Param.string("image");
  /** A label, {@code key=value} or {@code key}. */
  public static final Param<String, String> LABEL = Param.string("label");
  /** Which part of the disk usage: {@code images}, {@code containers}, {@code volumes}, {@code buildCache}, total. */
  public static final Param<String, String> PART = Param.string("part");
  /** {@code size} or {@code reclaimable}. */
  public static final Param<String, String> MEASURE = Param.string("measure");
  /** How far back events are counted. */
  public static final Param<Duration, Duration> WINDOW = Param.duration("window");
  /** Which events are counted. */
  public static final Param<String, String> COUNT = Param.string("count");

  /** Run a compose service once. */
  public static final Contract RUN_COMPOSE_SERVICE = Contract.of(DockerSteps.RUN_COMPOSE_SERVICE, FILE, SERVICE, ENV,
      SERVICE_TIMEOUT, BUILD);
  /** Build an image and move a tag to it. */
  public static final Contract BUILD_IMAGE = Contract.of(DockerSteps.BUILD_IMAGE, CONTEXT, DOCKERFILE, TAG, ARGS);
  /** Move a tag to an image. */
  public static final Contract MOVE_TAG = Contract.of(DockerSteps.MOVE_TAG, TAG, IMAGE);
  /** Move a tag back to its previous image. */
  public static final Contract RESTORE_TAG = Contract.of(DockerSteps.RESTORE_TAG, TAG);
  /** Remove what carries a label. */
  public static final Contract REMOVE_BY_LABEL = Contract.of(DockerSteps.REMOVE_BY_LABEL, LABEL);
  /** A compose service that passes. */
  public static final Contract COMPOSE_SERVICE_PASSES = Contract.of(DockerChecks.COMPOSE_SERVICE_PASSES, FILE,
      SERVICE, ENV, SERVICE_TIMEOUT, BUILD);
  /** No container left with a label. */
  public static final Contract NO_ORPHANED_CONTAINERS = Contract.of(DockerChecks.NO_ORPHANED_CONTAINERS, LABEL);
  /** An image that exists. */
  public static final Contract IMAGE_EXISTS = Contract.of(DockerChecks.IMAGE_EXISTS, IMAGE);
  /** The engine answers. */
  public static final Contract ENGINE_AVAILABLE = Contract.of(DockerChecks.ENGINE_AVAILABLE);
  /** The engine's disk usage. */
  public static final Contract DISK_USAGE = Contract.of(DockerSignals.DISK_USAGE, PART, MEASURE);
  /** Events in a window. */
  public static final Contract EVENTS = Contract.of(DockerSignals.EVENTS, WINDOW, COUNT);
  /** Running containers, all or with a label. */
  public static final Contract RUNNING_CONTAINERS = Contract.of(DockerSignals.RUNNING_CONTAINERS, LABEL);

  private DockerContracts() {}

  /**
   * A path parameter resolved against the workspace, which it may not leave.
   *
   * @param ctx the call
   * @param param the parameter
   * @return the absolute path
   * @throws ParamException when the path leaves the workspace (or the parameter is missing)
   */
  public static Path workspacePath(CallContext ctx, Param<RepoPath, String> param) {
    String text = param.read(ctx);
    Path root = ctx.run().workspace().toAbsolutePath().normalize();
    Path p = root.resolve(text).normalize();
    if (!p.startsWith(root)) {
      throw new ParamException("parameter '" + param.name() + "' = '" + text + "' leaves the workspace " + root);
    }
    return p;
  }
}
