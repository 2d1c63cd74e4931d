package dev.rollback.docker;

import dev.rollback.docker.internal.Cleanup;
import dev.rollback.docker.internal.ComposeRunner;
import dev.rollback.docker.internal.Engine;
import dev.rollback.docker.internal.EngineLocator;
import dev.rollback.docker.internal.Handlers;
import dev.rollback.docker.internal.Images;
import dev.rollback.docker.internal.SystemReads;
import dev.rollback.docker.internal.Tags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Docker client: the operations the Docker adapter's steps, checks and signals are made of, offered directly
 * (run a compose service, build an image, move a tag back, list and remove what carries a label, disk usage,
 * events). {@link DockerAdapter} interprets a plan's {@code docker.*} kinds with one.
 *
 * <p>It finds the engine as the docker command line does ({@link #fromEnvironment()}) or takes an address
 * ({@link #connect(String)}), and connects on first use: a ping and a version request with short timeouts, so an
 * engine that is down gives, at once, an error naming the address and where it came from.
 *
 * <pre>{@code
 * try (Docker docker = Docker.connect("unix:///var/run/docker.sock")) {
 *   DiskUsage df = docker.diskUsage();
 *   TagChange back = docker.restoreTag("app:latest");
 * }
 * }</pre>
 *
 * <p>Everything it creates carries {@link DockerLabels#MANAGED}, and containers of a run carry the run's id and the
 * step's name, so {@link #removeByLabel(String)} and the orphan check find them.
 *
 */
public final class Docker implements AutoCloseable {

  private final Engine engine;
  private final Images images;
  private final Tags tags;
  private final Cleanup cleanup;
  private final SystemReads reads;
  private final ComposeRunner runner;
  private final Map<String, String> environment;

  private Docker(Builder b, EngineLocator.Target target) {
    this.engine = new Engine(target, b.connectTimeout, b.pingTimeout, b.requestTimeout);
    this.images = new Images(engine);
    this.tags = new Tags(images);
    this.cleanup = new Cleanup(engine);
    this.reads = new SystemReads(engine);
    this.runner = new ComposeRunner(engine);
    this.environment = Map.copyOf(b.environment);
  }

  /**
   * A client for the engine the docker command line would use: {@code DOCKER_HOST}, else the context named by
   * {@code DOCKER_CONTEXT} or the current context in {@code ~/.docker/config.json}, else the default socket.
   * Nothing is contacted until first use.
   *
   * @return the client
   * @throws DockerUnavailableException if the environment names a context that does not exist or an unusable
   *     address
   */
  public static Docker fromEnvironment() {
    return builder().build();
  }

  /**
   * A client for an engine at an address. Nothing is contacted until first use.
   *
   * @param host such as {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
   * @return the client
   * @throws DockerUnavailableException if the address is not one the client can use
   * @throws NullPointerException if {@code host} is null
   */
  public static Docker connect(String host) {
    return builder().host(host).build();
  }

  /**
   * A builder, to set the address, the environment or the timeouts.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Docker} client, or a {@link DockerAdapter} around one. */
  public static final class Builder {
    private String host;
    private Map<String, String> environment = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration pingTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Uses an explicit address instead of the environment's.
     *
     * @param host the address
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The environment to locate the engine in and to interpolate compose files with; this process's by default.
     *
     * @param environment the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * The home folder holding {@code .docker/config.json} and the contexts; {@code user.home} by default.
     *
     * @param home the folder
     * @return this builder
     */
    public Builder home(Path home) {
      this.home = Objects.requireNonNull(home, "home");
      return this;
    }

    /**
     * How long to wait for a connection; 3 seconds by default.
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the first ping and version request may take; 5 seconds by default.
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder pingTimeout(Duration timeout) {
      this.pingTimeout = positive(timeout, "pingTimeout");
      return this;
    }

    /**
     * How long an ordinary request may stay unanswered; 60 seconds by default. Waiting for a service, attaching
     * and building are bounded by their own timeouts instead.
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * Builds the client; nothing is contacted yet.
     *
     * @return the client
     * @throws DockerUnavailableException if the address cannot be used or a named context does not exist
     */
    public Docker build() {
      EngineLocator.Target target = host != null ? EngineLocator.explicit(host)
          : EngineLocator.locate(environment, home);
      return new Docker(this, target);
    }

    /**
     * Builds an adapter around a new client; nothing is contacted yet.
     *
     * @return the adapter
     * @throws DockerUnavailableException if the address cannot be used or a named context does not exist
     */
    public DockerAdapter adapter() {
      return DockerAdapter.of(build());
    }
  }

  /**
   * The engine's address.
   *
   * @return such as {@code unix:///var/run/docker.sock}
   */
  public String host() {
    return engine.host();
  }

  /**
   * Where the address came from: {@code DOCKER_HOST}, a docker context, the default socket, the host given.
   *
   * @return the source
   */
  public String hostSource() {
    return engine.source();
  }

  /**
   * Connects if not yet connected (a ping, then the version) and describes the engine.
   *
   * @return the engine
   * @throws DockerUnavailableException if the engine does not answer, naming its address
   */
  public EngineInfo engineInfo() {
    return engine.info();
  }

  /**
   * Runs a compose service once, like {@code docker compose run --rm}: builds or finds its image, creates its
   * container with the labels of {@link DockerLabels}, captures stdout and stderr apart, waits up to the timeout, and removes
   * the container and its anonymous volumes.
   *
   * @param project the compose file
   * @param service the service's name
   * @param options the timeout, build policy and extra labels
   * @return the exit code and output; a non-zero exit is a result, not an exception
   * @throws ComposeFileException if the service is malformed or uses keys the runner does not support
   * @throws ImageNotFoundException if its image is missing and cannot be pulled
   * @throws ServiceTimeoutException if it ran past the timeout; its container was killed and removed
   * @throws DockerUnavailableException if the engine does not answer
   * @throws DockerEngineException if the engine refuses a request
   */
  public ServiceRun runService(ComposeProject project, String service, ServiceRunOptions options) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(options, "options");
    return runner.run(project, service, options);
  }

  /**
   * Builds an image from a folder and tags it, keeping the image the tag pointed to before alive with the
   * keep-alive tag ({@link TagChange#keptAs()}). The image carries {@link DockerLabels#MANAGED} and the labels
   * given.
   *
   * @param context the build context folder
   * @param dockerfile the Dockerfile inside it, such as {@code Dockerfile}
   * @param args build arguments
   * @param tag the tag, such as {@code app:v2}
   * @param labels extra labels for the image
   * @param timeout how long the build may take
   * @return what changed
   * @throws DockerEngineException if the build fails, with the build's last output lines
   */
  public TagChange buildImage(Path context, String dockerfile, Map<String, String> args, String tag,
      Map<String, String> labels, Duration timeout) {
    String t = Tags.movable(tag);
    Optional<String> previous = tags.current(t);
    Map<String, String> all = new java.util.LinkedHashMap<>(labels);
    all.put(DockerLabels.MANAGED, "true");
    String id = images.build(context, dockerfile, args, t, all, timeout).imageId();
    boolean changed = previous.isEmpty() || !previous.get().equals(id);
    // The build moved the tag off the previous image; keep that image alive (and findable) with the keep-alive tag.
    Optional<String> keptAs = Optional.empty();
    if (changed && previous.isPresent()) {
      images.tag(previous.get(), Tags.prevTag(t));
      keptAs = Optional.of(Tags.prevTag(t));
    }
    return new TagChange(t, id, previous, keptAs, changed);
  }

  /**
   * Points a tag at an image; the image it pointed to before keeps a keep-alive tag
   * ({@code repo:rollback-prev} for {@code latest}), so {@link #restoreTag(String)} can move it back later.
   *
   * @param tag the tag, such as {@code app:latest}
   * @param image the image, by reference or id
   * @return what changed
   * @throws ImageNotFoundException if the image is not on the engine
   * @throws IllegalArgumentException if the tag is an id or a keep-alive tag
   */
  public TagChange moveTag(String tag, String image) {
    return tags.move(tag, image);
  }

  /**
   * Points a tag back at the image it pointed to before it last moved, as its keep-alive tag records.
   *
   * @param tag the tag, such as {@code app:latest}
   * @return what changed; {@link TagChange#previousImageId()} is the image it pointed to until now
   * @throws DockerEngineException if no keep-alive tag records where it pointed before
   */
  public TagChange restoreTag(String tag) {
    return tags.restore(tag);
  }

  /**
   * The id of an image.
   *
   * @param image a reference or an id
   * @return the id, when the engine has the image
   */
  public Optional<String> imageId(String image) {
    return images.find(image).map(Images.Image::id);
  }

  /**
   * The names of the containers carrying a label.
   *
   * @param label {@code key} or {@code key=value}, such as {@link DockerLabels#managed()}
   * @param runningOnly whether to list only running containers
   * @return the names, with their state, such as {@code app-test-run-1a2b (exited)}
   */
  public List<String> containers(String label, boolean runningOnly) {
    return cleanup.containers(label, runningOnly).stream()
        .map(c -> Cleanup.name(c) + " (" + c.getState() + ")").collect(Collectors.toList());
  }

  /**
   * Removes every container (with its anonymous volumes), image and volume carrying a label.
   *
   * @param label {@code key} or {@code key=value}, such as {@link DockerLabels#run(String)}
   * @return what was removed
   * @throws DockerEngineException listing what could not be removed, after removing the rest
   */
  public Removal removeByLabel(String label) {
    return cleanup.remove(Objects.requireNonNull(label, "label"));
  }

  /**
   * The disk usage, as {@code docker system df} shows it, from {@code GET /system/df}.
   *
   * @return images, containers, volumes and build cache
   */
  public DiskUsage diskUsage() {
    return reads.diskUsage();
  }

  /**
   * The events in a window, counted, as {@code docker system events --since --until} shows them.
   *
   * @param since the window's start
   * @param until the window's end, not in the future of the engine's clock
   * @param timeout how long reading may take
   * @return the counts
   */
  public EventSummary events(Instant since, Instant until, Duration timeout) {
    return reads.events(since, until, timeout);
  }

  /**
   * The environment compose files are interpolated with, besides a step's own variables.
   *
   * @return the variables
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** The handlers of a {@link DockerAdapter} working with this client. */
  Handlers handlers() {
    return new Handlers(this, images, tags, cleanup, reads, runner);
  }

  /** Where the engine is, for {@code toString}. */
  String where() {
    return engine.where();
  }

  /**
   * Closes the connection to the engine.
   */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "Docker[" + engine.where() + "]";
  }
}
