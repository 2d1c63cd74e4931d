package dev.rollback.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.ComposeService;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ImageNotFoundException;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.docker.ServiceTimeoutException;
import dev.rollback.docker.VolumeMount;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one compose service once, like {@code docker compose run --rm <service>}: prepares the image (build or pull),
 * creates the container with the adapter's labels, attaches to its output before starting it, waits with the
 * timeout it enforces, and removes the container and its anonymous volumes whatever happened.
 */
public final class ComposeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ComposeRunner.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** How long the output may take to drain after the container stopped. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private final Engine engine;
  private final Images images;

  /**
   * Creates a runner.
   *
   * @param engine the engine
   */
  public ComposeRunner(Engine engine) {
    this.engine = engine;
    this.images = new Images(engine);
  }

  /**
   * The image a service runs, ready on the engine.
   *
   * @param ref the reference
   * @param id its id
   * @param built whether this call built it
   * @param replaced what the tag pointed to before a build moved it
   */
  public record PreparedImage(String ref, String id, boolean built, Optional<String> replaced) {}

  /**
   * Runs a service once.
   *
   * @param project the compose project
   * @param serviceName the service
   * @param options how
   * @return what happened
   * @throws dev.rollback.docker.ComposeFileException if the service is invalid
   * @throws ImageNotFoundException if its image is missing and cannot be pulled
   * @throws ServiceTimeoutException if it ran past the timeout (its container is removed)
   * @throws DockerEngineException if the engine refuses a request
   */
  public ServiceRun run(ComposeProject project, String serviceName, ServiceRunOptions options) {
    ComposeService service = project.service(serviceName);
    service.warnings().forEach(w -> LOG.warn("{}", w));
    long started = System.nanoTime();
    long deadline = started + options.timeout().toNanos();
    PreparedImage image = prepareImage(project, service, options, deadline);
    ensureVolumes(project, service);
    String name = project.name() + "-" + service.name() + "-run-" + HexFormat.of().formatHex(randomBytes());
    long prepared = System.nanoTime();
    String id = create(project, service, image.ref(), name, options);
    LOG.debug("{}: image ready in {} ms, container created in {} ms", name, ms(started, prepared), ms(prepared,
        System.nanoTime()));
    OutputCapture output = new OutputCapture(options.maxOutputBytes());
    AtomicReference<Integer> exit = new AtomicReference<>();
    ResultCallback.Adapter<WaitResponse> waiter = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(WaitResponse r) {
        exit.set(r.getStatusCode());
      }
    };
    boolean removed = false;
    try {
      engine.streaming().attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
          .withLogs(false).exec(output);
      if (!output.awaitStarted(remainingMillis(deadline, Duration.ofSeconds(30)), TimeUnit.MILLISECONDS)) {
        throw new DockerEngineException("could not attach to the container " + name + " of service '"
            + service.name() + "' on the engine at " + engine.host());
      }
      long attached = System.nanoTime();
      engine.run("start the container " + name + " of service '" + service.name() + "'",
          () -> engine.api().startContainerCmd(id).exec());
      LOG.debug("{}: attached at {} ms, started at {} ms", name, ms(started, attached), ms(started, System.nanoTime()));
      engine.streaming().waitContainerCmd(id).exec(waiter);
      boolean finished = waiter.awaitCompletion(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
          TimeUnit.MILLISECONDS);
      if (!finished || exit.get() == null) {
        if (!finished) {
          removed = true;
          throw timedOut(project, service, options, id, name, output);
        }
        throw new DockerEngineException("waiting for the container " + name + " of service '" + service.name()
            + "' ended without an exit code");
      }
      long exited = System.nanoTime();
      if (!output.awaitCompletion(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: the output stream did not end within {} s of the exit; the output may be incomplete", name,
            DRAIN.toSeconds());
      }
      long drained = System.nanoTime();
      boolean oom = oomKilled(id);
      ServiceRun run = new ServiceRun(project.name(), service.name(), image.ref(), image.id(), image.built(),
          image.replaced(), id, name, exit.get(), oom, output.stdout(), output.stderr(), output.truncated(),
          Duration.ofNanos(System.nanoTime() - started), service.warnings());
      removed = true;
      long inspected = System.nanoTime();
      remove(id, name);
      LOG.debug("{}: exited at {} ms, output drained at {}, inspected at {}, removed at {} ms", name, ms(started, exited),
          ms(started, drained), ms(started, inspected), ms(started, System.nanoTime()));
      LOG.info("{} of {}", run.describe(), project.displayName());
      return run;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerEngineException("interrupted while running service '" + service.name() + "' of "
          + project.displayName() + "; its container " + name + " is being removed", e);
    } catch (RuntimeException e) {
      if (e instanceof DockerEngineException) {
        throw e;
      }
      throw engine.translate("run service '" + service.name() + "' of " + project.displayName(), e);
    } finally {
      Images.closeQuietly(output);
      Images.closeQuietly(waiter);
      if (!removed) {
        removeQuietly(id, name);
      }
    }
  }

  /**
   * Makes a service's image ready: builds it (per the policy) or finds it, pulling it when missing.
   *
   * @param project the project
   * @param service the service
   * @param options the options
   * @param deadline when the whole run must end, in {@link System#nanoTime()} terms
   * @return the image
   */
  public PreparedImage prepareImage(ComposeProject project, ComposeService service, ServiceRunOptions options,
      long deadline) {
    Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    if (service.build().isPresent()) {
      String tag = Images.normalize(service.image().orElse(project.builtImageName(service.name())));
      Optional<String> existing = images.find(tag).map(Images.Image::id);
      ServiceRunOptions.BuildPolicy policy = options.build();
      if (policy == ServiceRunOptions.BuildPolicy.NEVER
          || (policy == ServiceRunOptions.BuildPolicy.IF_MISSING && existing.isPresent())) {
        String id = existing.orElseThrow(() -> new ImageNotFoundException(tag, "the image '" + tag + "' of service '"
            + service.name() + "' is not on the engine at " + engine.host() + ", and the build policy is NEVER", null));
        return new PreparedImage(tag, id, false, Optional.empty());
      }
      var b = service.build().get();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(DockerLabels.MANAGED, "true");
      labels.put(DockerLabels.PROJECT, project.name());
      labels.put(DockerLabels.SERVICE, service.name());
      Images.Built built = images.build(b.context(), b.dockerfile(), b.args(), tag, labels, left);
      Optional<String> replaced = existing.filter(old -> !old.equals(built.imageId()));
      return new PreparedImage(tag, built.imageId(), true, replaced);
    }
    String ref = service.image().orElseThrow();
    Optional<String> id = images.find(ref).map(Images.Image::id);
    if (id.isPresent()) {
      return new PreparedImage(ref, id.get(), false, Optional.empty());
    }
    if (!options.pullMissing()) {
      throw new ImageNotFoundException(ref, "the image '" + ref + "' of service '" + service.name() + "' in "
          + project.displayName() + " is not on the engine at " + engine.host() + " (pulling is off)", null);
    }
    try {
      return new PreparedImage(ref, images.pull(ref, left), false, Optional.empty());
    } catch (ImageNotFoundException e) {
      throw new ImageNotFoundException(ref, "service '" + service.name() + "' of " + project.displayName() + ": "
          + e.getMessage(), e);
    }
  }

  private void ensureVolumes(ComposeProject project, ComposeService service) {
    for (VolumeMount v : service.volumes()) {
      if (v.type() != VolumeMount.Type.VOLUME || v.isAnonymous()) {
        continue;
      }
      boolean exists;
      try {
        engine.api().inspectVolumeCmd(v.source()).exec();
        exists = true;
      } catch (NotFoundException e) {
        exists = false;
      } catch (RuntimeException e) {
        throw engine.translate("inspect the volume '" + v.source() + "'", e);
      }
      if (!exists) {
        Map<String, String> labels = Map.of(DockerLabels.MANAGED, "true", DockerLabels.PROJECT, project.name());
        engine.run("create the volume '" + v.source() + "'",
            () -> engine.api().createVolumeCmd().withName(v.source()).withLabels(labels).exec());
      }
    }
  }

  private String create(ComposeProject project, ComposeService service, String image, String name,
      ServiceRunOptions options) {
    Map<String, String> labels = new LinkedHashMap<>(service.labels());
    labels.putAll(options.labels());
    labels.put(DockerLabels.MANAGED, "true");
    labels.put(DockerLabels.PROJECT, project.name());
    labels.put(DockerLabels.SERVICE, service.name());
    List<Bind> binds = new ArrayList<>();
    List<Mount> mounts = new ArrayList<>();
    List<Volume> anonymous = new ArrayList<>();
    for (VolumeMount v : service.volumes()) {
      if (v.isAnonymous()) {
        anonymous.add(new Volume(v.target()));
      } else if (v.shortForm()) {
        binds.add(Bind.parse(v.source() + ":" + v.target() + (v.readOnly() ? ":ro" : ":rw")));
      } else {
        MountType t = v.type() == VolumeMount.Type.BIND ? MountType.BIND
            : v.type() == VolumeMount.Type.VOLUME ? MountType.VOLUME : MountType.TMPFS;
        Mount m = new Mount().withType(t).withTarget(v.target()).withReadOnly(v.readOnly());
        if (t != MountType.TMPFS) {
          m.withSource(v.source());
        }
        mounts.add(m);
      }
    }
    HostConfig host = HostConfig.newHostConfig();
    if (!binds.isEmpty()) {
      host.withBinds(binds);
    }
    if (!mounts.isEmpty()) {
      host.withMounts(mounts);
    }
    service.networkMode().ifPresent(host::withNetworkMode);
    List<String> env = new ArrayList<>();
    service.environment().forEach((k, v) -> env.add(k + "=" + v));
    CreateContainerCmd cmd = engine.api().createContainerCmd(image)
        .withName(name)
        .withLabels(labels)
        .withEnv(env)
        .withAttachStdout(true)
        .withAttachStderr(true)
        .withAttachStdin(false)
        .withStdinOpen(false)
        .withTty(false)
        .withHostConfig(host);
    if (!anonymous.isEmpty()) {
      cmd.withVolumes(anonymous);
    }
    service.command().ifPresent(cmd::withCmd);
    service.entrypoint().ifPresent(cmd::withEntrypoint);
    service.workingDir().ifPresent(cmd::withWorkingDir);
    service.user().ifPresent(cmd::withUser);
    return engine.call("create the container for service '" + service.name() + "' of " + project.displayName(),
        () -> cmd.exec().getId());
  }

  private ServiceTimeoutException timedOut(ComposeProject project, ComposeService service, ServiceRunOptions options,
      String id, String name, OutputCapture output) {
    String outcome;
    try {
      kill(id);
      remove(id, name);
      outcome = "killed and removed its container " + name;
    } catch (RuntimeException e) {
      outcome = "killed its container " + name + " but could not remove it: " + e.getMessage();
    }
    String stdout = Tails.tail(output.stdout(), 10, output.truncated());
    String stderr = Tails.tail(output.stderr(), 10, output.truncated());
    return new ServiceTimeoutException(service.name(), options.timeout(), "service '" + service.name() + "' of "
        + project.displayName() + " did not finish within " + seconds(options.timeout()) + "; " + outcome
        + (stdout.isEmpty() ? "" : "\nlast stdout:\n" + stdout) + (stderr.isEmpty() ? "" : "\nlast stderr:\n" + stderr));
  }

  private void kill(String id) {
    try {
      engine.api().killContainerCmd(id).exec();
    } catch (NotFoundException | ConflictException e) {
      LOG.debug("container {} was no longer running", id);
    } catch (RuntimeException e) {
      throw engine.translate("kill the container " + Images.shortId(id), e);
    }
  }

  private boolean oomKilled(String id) {
    try {
      InspectContainerResponse r = engine.api().inspectContainerCmd(id).exec();
      return r.getState() != null && Boolean.TRUE.equals(r.getState().getOOMKilled());
    } catch (RuntimeException e) {
      throw engine.translate("inspect the container " + Images.shortId(id), e);
    }
  }

  /**
   * Removes a container and its anonymous volumes.
   *
   * @param id the container
   * @param name its name, for messages
   */
  void remove(String id, String name) {
    try {
      engine.api().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("container {} was already removed", name);
    } catch (ConflictException e) {
      if (!String.valueOf(e.getMessage()).contains("already in progress")) {
        throw engine.translate("remove the container " + name, e);
      }
    } catch (RuntimeException e) {
      throw engine.translate("remove the container " + name, e);
    }
  }

  private void removeQuietly(String id, String name) {
    try {
      remove(id, name);
    } catch (RuntimeException e) {
      LOG.error("could not remove the container {} ({}); remove it with: docker rm -f -v {}", name, e.getMessage(), id);
    }
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static long remainingMillis(long deadlineNanos, Duration cap) {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    return Math.max(1, Math.min(left, cap.toMillis()));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + " ms";
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }
}
