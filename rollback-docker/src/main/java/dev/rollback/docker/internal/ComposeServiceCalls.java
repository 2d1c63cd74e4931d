package dev.rollback.docker.internal;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.ComposeService;
import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ServiceFailedException;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code docker.runComposeService} step and the {@code docker.composeServicePasses} check: run a compose
 * service once, as {@code docker compose -f <file> run --rm <service>} does.
 */
final class ComposeServiceCalls {

  private static final int TAIL_LINES = 20;

  private final Docker docker;
  private final Images images;
  private final Tags tags;
  private final Cleanup cleanup;
  private final ComposeRunner runner;

  ComposeServiceCalls(Docker docker, Images images, Tags tags, Cleanup cleanup, ComposeRunner runner) {
    this.docker = docker;
    this.images = images;
    this.tags = tags;
    this.cleanup = cleanup;
    this.runner = runner;
  }

  private ComposeProject load(CallContext ctx) {
    Map<String, String> env = new HashMap<>(docker.environment());
    env.putAll(DockerContracts.ENV.optional(ctx).orElse(Map.of()));
    return ComposeParser.parse(DockerContracts.workspacePath(ctx, DockerContracts.FILE), DockerContracts.FILE.read(ctx), env);
  }

  private static String stepLabel(StepContext ctx) {
    return DockerLabels.STEP + "=" + ctx.step().name();
  }

  private static ServiceRunOptions options(CallContext ctx, Duration callTimeout, Optional<String> step) {
    ServiceRunOptions o = ServiceRunOptions.defaults()
        .timeout(Timing.within(DockerContracts.SERVICE_TIMEOUT.optional(ctx), callTimeout))
        .label(DockerLabels.RUN, ctx.run().runId());
    if (step.isPresent()) {
      o = o.label(DockerLabels.STEP, step.get());
    }
    Optional<String> build = DockerContracts.BUILD.optional(ctx);
    if (build.isPresent()) {
      switch (build.get()) {
        case "always":
          return o.build(ServiceRunOptions.BuildPolicy.ALWAYS);
        case "ifMissing":
          return o.build(ServiceRunOptions.BuildPolicy.IF_MISSING);
        case "never":
          return o.build(ServiceRunOptions.BuildPolicy.NEVER);
        default:
          throw new IllegalArgumentException("parameter 'build' must be always, ifMissing or never, was " + build.get());
      }
    }
    return o;
  }

  private static Map<String, Object> evidence(ServiceRun run) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("exitCode", run.exitCode());
    e.put("stdoutTail", run.stdoutTail(TAIL_LINES));
    e.put("stderrTail", run.stderrTail(TAIL_LINES));
    e.put("image", run.image());
    e.put("imageId", run.imageId());
    e.put("built", run.built());
    e.put("container", run.containerName());
    e.put("durationMillis", run.duration().toMillis());
    if (run.oomKilled()) {
      e.put("oomKilled", true);
    }
    if (run.outputTruncated()) {
      e.put("outputTruncated", true);
    }
    if (!run.warnings().isEmpty()) {
      e.put("warnings", run.warnings());
    }
    return e;
  }

  StepHandler step() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        ComposeProject project = load(ctx);
        String name = DockerContracts.SERVICE.read(ctx);
        ComposeService s = project.service(name);
        String image = s.build().isPresent() ? Images.normalize(s.image().orElse(project.builtImageName(name)))
            : s.image().orElseThrow();
        StepPreview p = StepPreview.of("would run service " + name + " of " + project.displayName() + " once ("
            + (s.build().isPresent() ? "building " + image + " from " + s.build().get().context() : "image " + image)
            + ") and remove its container")
            .withDetail("project", project.name())
            .withDetail("image", image)
            .withDetail("engine", docker.engineInfo().describe());
        if (s.command().isPresent()) {
          p = p.withDetail("command", List.copyOf(s.command().get()));
        }
        for (String w : s.warnings()) {
          p = p.withWarning(w);
        }
        if (s.build().isEmpty() && images.find(image).isEmpty()) {
          p = p.withWarning("the image " + image + " is not on the engine; the run would try to pull it");
        }
        return p;
      }

      @Override
      public StepResult apply(StepContext ctx) {
        ComposeProject project = load(ctx);
        String name = DockerContracts.SERVICE.read(ctx);
        ComposeService s = project.service(name);
        // An earlier attempt of this step may have left its container behind (a crash, a kill): remove it first.
        String runLabel = DockerLabels.run(ctx.run().runId());
        cleanup.containers(stepLabel(ctx), false).stream()
            .filter(c -> c.getLabels() != null && ctx.run().runId().equals(c.getLabels().get(DockerLabels.RUN)))
            .forEach(c -> runner.remove(c.getId(), Cleanup.name(c)));
        if (s.build().isPresent()) {
          String tag = Images.normalize(s.image().orElse(project.builtImageName(name)));
          String key = "docker." + ctx.step().name() + ".previous";
          if (ctx.run().recall(key).isEmpty()) {
            ctx.run().remember(key, tags.current(tag).orElse("none"));
          }
        }
        ServiceRun run = runner.run(project, name, options(ctx, ctx.timeout(), Optional.of(ctx.step().name())));
        if (!run.passed()) {
          throw new ServiceFailedException(run, project.displayName());
        }
        StepResult r = StepResult.of(run.describe() + " (" + runLabel + ")").withValue(run.exitCode())
            .withOutput("exitCode", run.exitCode())
            .withOutput("image", run.image())
            .withOutput("imageId", run.imageId());
        if (run.replacedImageId().isPresent()) {
          r = r.withOutput("replacedImageId", run.replacedImageId().get());
        }
        for (Map.Entry<String, Object> e : evidence(run).entrySet()) {
          r = r.withEvidence(e.getKey(), e.getValue());
        }
        return r;
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        // A test run is repeatable and leaves nothing but its image: running it again is safe, and apply first
        // removes a container an interrupted attempt left behind.
        return Probe.notApplied();
      }

      @Override
      public boolean canCompensate(StepContext ctx) {
        return true;
      }

      @Override
      public StepResult compensate(StepContext ctx, StepResult applied) {
        List<String> done = new java.util.ArrayList<>();
        cleanup.containers(stepLabel(ctx), false).stream()
            .filter(c -> c.getLabels() != null && ctx.run().runId().equals(c.getLabels().get(DockerLabels.RUN)))
            .forEach(c -> {
              runner.remove(c.getId(), Cleanup.name(c));
              done.add("removed container " + Cleanup.name(c));
            });
        Object image = applied.outputs().get("image");
        Optional<String> previous = ctx.run().recall("docker." + ctx.step().name() + ".previous")
            .filter(p -> !p.equals("none"));
        if (image != null && applied.outputs().containsKey("replacedImageId") && previous.isPresent()) {
          done.add(tags.undo(String.valueOf(image), previous));
        }
        return StepResult.of(done.isEmpty() ? "nothing to undo: the run left no container and moved no tag"
            : String.join("; ", done));
      }
    };
  }

  CheckEvaluator check() {
    return (CheckContext ctx) -> {
      ComposeProject project = load(ctx);
      String name = DockerContracts.SERVICE.read(ctx);
      ServiceRun run = runner.run(project, name, options(ctx, ctx.timeout(), Optional.of(ctx.check().name())));
      CheckResult r = run.passed() ? CheckResult.passed(run.describe())
          : CheckResult.failed(run.describe() + (run.stderr().isBlank() ? "" : ": " + run.stderrTail(3)));
      r = r.withValue(run.exitCode());
      for (Map.Entry<String, Object> e : evidence(run).entrySet()) {
        r = r.withEvidence(e.getKey(), e.getValue());
      }
      return r;
    };
  }
}
