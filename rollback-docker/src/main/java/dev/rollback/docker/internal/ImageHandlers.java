package dev.rollback.docker.internal;

import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.TagChange;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The image steps: {@code docker.buildImage}, {@code docker.moveTag}, {@code docker.restoreTag}. Each remembers,
 * through the run's journal, where its tag pointed before it moves it ({@code docker.<step>.previous}), so a
 * compensation after a crash still knows where to point it back.
 */
final class ImageHandlers {

  private static final String NONE = "none";

  private final Docker docker;
  private final Images images;
  private final Tags tags;

  ImageHandlers(Docker docker, Images images, Tags tags) {
    this.docker = docker;
    this.images = images;
    this.tags = tags;
  }

  private static String key(StepContext ctx) {
    return "docker." + ctx.step().name() + ".previous";
  }

  /** Remembers where the tag points now, unless an earlier attempt of the step already did. */
  private Optional<String> rememberPrevious(StepContext ctx, String tag) {
    Optional<String> recalled = ctx.run().recall(key(ctx));
    if (recalled.isPresent()) {
      return recalled.filter(v -> !v.equals(NONE));
    }
    Optional<String> current = tags.current(tag);
    ctx.run().remember(key(ctx), current.orElse(NONE));
    return current;
  }

  private static StepResult result(String summary, TagChange change) {
    StepResult r = StepResult.of(summary).withValue(change.imageId())
        .withOutput("tag", change.tag())
        .withOutput("imageId", change.imageId())
        .withEvidence("tag", change.tag())
        .withEvidence("imageId", change.imageId())
        .withEvidence("changed", change.changed());
    if (change.previousImageId().isPresent()) {
      r = r.withOutput("previousImageId", change.previousImageId().get())
          .withEvidence("previousImageId", change.previousImageId().get());
    }
    if (change.keptAs().isPresent()) {
      r = r.withEvidence("keptAs", change.keptAs().get());
    }
    return r;
  }

  private StepResult undo(StepContext ctx, String tag) {
    Optional<String> recalled = ctx.run().recall(key(ctx));
    if (recalled.isEmpty()) {
      return StepResult.of("nothing to undo: the step never recorded where " + tag + " pointed, so it never moved it");
    }
    Optional<String> previous = recalled.filter(v -> !v.equals(NONE));
    return StepResult.of(tags.undo(tag, previous));
  }

  private static String describe(Optional<String> id) {
    return id.map(Images::shortId).orElse("nothing");
  }

  StepHandler build() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        Path context = DockerContracts.workspacePath(ctx, DockerContracts.CONTEXT);
        String dockerfile = DockerContracts.DOCKERFILE.optional(ctx).orElse("Dockerfile");
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        StepPreview p = StepPreview.of("would build " + tag + " from " + DockerContracts.CONTEXT.read(ctx)
            + " (now " + tag + " points to " + describe(tags.current(tag)) + ")")
            .withDetail("engine", docker.engineInfo().describe());
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
          p = p.wouldFail("there is no " + dockerfile + " in " + context);
        }
        return p;
      }

      @Override
      public StepResult apply(StepContext ctx) {
        Path context = DockerContracts.workspacePath(ctx, DockerContracts.CONTEXT);
        String dockerfile = DockerContracts.DOCKERFILE.optional(ctx).orElse("Dockerfile");
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
          throw new IllegalArgumentException("there is no " + dockerfile + " in " + context + " to build " + tag);
        }
        rememberPrevious(ctx, tag);
        TagChange change = docker.buildImage(context, dockerfile, DockerContracts.ARGS.optional(ctx).orElse(Map.of()), tag,
            Map.of(DockerLabels.RUN, ctx.run().runId(), DockerLabels.STEP, ctx.step().name()),
            Timing.within(Optional.empty(), ctx.timeout()));
        return result("built " + tag + " as " + Images.shortId(change.imageId()) + " (it pointed to "
            + describe(change.previousImageId()) + ")", change);
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        Optional<Images.Image> image = images.find(tag);
        if (image.isPresent() && ctx.run().runId().equals(image.get().labels().get(DockerLabels.RUN))
            && ctx.step().name().equals(image.get().labels().get(DockerLabels.STEP))) {
          Optional<String> previous = ctx.run().recall(key(ctx)).filter(v -> !v.equals(NONE));
          return Probe.applied(result("built " + tag + " as " + Images.shortId(image.get().id()) + " before the crash",
              new TagChange(tag, image.get().id(), previous, Optional.empty(), true)));
        }
        return Probe.notApplied();
      }

      @Override
      public boolean canCompensate(StepContext ctx) {
        return true;
      }

      @Override
      public StepResult compensate(StepContext ctx, StepResult applied) {
        return undo(ctx, Tags.movable(DockerContracts.TAG.read(ctx)));
      }
    };
  }

  StepHandler move() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        if (!ctx.isResolved("image")) {
          return StepPreview.of("would point " + tag + " (now " + describe(tags.current(tag)) + ") at "
              + ctx.params().get("image") + ", keeping the previous image as " + Tags.prevTag(tag));
        }
        String image = DockerContracts.IMAGE.read(ctx);
        Optional<String> target = images.find(image).map(Images.Image::id);
        StepPreview p = StepPreview.of("would point " + tag + " (now " + describe(tags.current(tag)) + ") at " + image
            + " (" + describe(target) + "), keeping the previous image as " + Tags.prevTag(tag));
        return target.isPresent() ? p.withDetail("imageId", target.get())
            : p.wouldFail("the image " + image + " is not on the engine at " + docker.host());
      }

      @Override
      public StepResult apply(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        String image = DockerContracts.IMAGE.read(ctx);
        images.require(image, "the image to point " + tag + " at");
        rememberPrevious(ctx, tag);
        TagChange change = tags.move(tag, image);
        return result(change.changed() ? "pointed " + tag + " at " + Images.shortId(change.imageId()) + " (was "
            + describe(change.previousImageId()) + ")" : tag + " already pointed at " + Images.shortId(change.imageId()),
            change);
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        String image = DockerContracts.IMAGE.read(ctx);
        Optional<String> target = images.find(image).map(Images.Image::id);
        Optional<String> current = tags.current(tag);
        if (target.isPresent() && target.equals(current)) {
          Optional<String> previous = ctx.run().recall(key(ctx)).filter(v -> !v.equals(NONE));
          return Probe.applied(result(tag + " points at " + Images.shortId(target.get()),
              new TagChange(tag, target.get(), previous, Optional.empty(), true)));
        }
        return Probe.notApplied();
      }

      @Override
      public boolean canCompensate(StepContext ctx) {
        return true;
      }

      @Override
      public StepResult compensate(StepContext ctx, StepResult applied) {
        return undo(ctx, Tags.movable(DockerContracts.TAG.read(ctx)));
      }
    };
  }

  StepHandler restore() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        Optional<String> target = images.find(Tags.prevTag(tag)).map(Images.Image::id);
        StepPreview p = StepPreview.of("would point " + tag + " (now " + describe(tags.current(tag))
            + ") back at " + Tags.prevTag(tag) + " (" + describe(target) + ")");
        return target.isPresent() ? p.withDetail("imageId", target.get())
            : p.wouldFail("there is no " + Tags.prevTag(tag) + " tag recording where " + tag + " pointed before");
      }

      @Override
      public StepResult apply(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        images.require(Tags.prevTag(tag), "the image " + tag + " pointed to before");
        rememberPrevious(ctx, tag);
        TagChange change = tags.restore(tag);
        return result(change.changed() ? "pointed " + tag + " back at " + Images.shortId(change.imageId()) + " (was "
            + describe(change.previousImageId()) + ")" : tag + " already pointed at " + Images.shortId(change.imageId()),
            change);
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        String tag = Tags.movable(DockerContracts.TAG.read(ctx));
        Optional<String> target = images.find(Tags.prevTag(tag)).map(Images.Image::id);
        Optional<String> current = tags.current(tag);
        if (target.isPresent() && target.equals(current)) {
          Optional<String> previous = ctx.run().recall(key(ctx)).filter(v -> !v.equals(NONE));
          return Probe.applied(result(tag + " points back at " + Images.shortId(target.get()),
              new TagChange(tag, target.get(), previous, Optional.empty(), true)));
        }
        return Probe.notApplied();
      }

      @Override
      public boolean canCompensate(StepContext ctx) {
        return true;
      }

      @Override
      public StepResult compensate(StepContext ctx, StepResult applied) {
        return undo(ctx, Tags.movable(DockerContracts.TAG.read(ctx)));
      }
    };
  }
}
