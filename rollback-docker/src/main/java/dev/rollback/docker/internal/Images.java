package dev.rollback.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.ImageNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Image operations: look up, pull, build from a folder, tag, untag. */
public final class Images {

  private static final Logger LOG = LoggerFactory.getLogger(Images.class);

  /**
   * An image as the engine describes it.
   *
   * @param id the id, {@code sha256:...}
   * @param tags its tags, {@code repo:tag}
   * @param labels its labels
   */
  public record Image(String id, List<String> tags, Map<String, String> labels) {}

  /**
   * What a build produced.
   *
   * @param imageId the built image's id
   * @param log the build's output (its last lines)
   */
  public record Built(String imageId, String log) {}

  private final Engine engine;

  /**
   * Creates the operations over an engine.
   *
   * @param engine the engine
   */
  public Images(Engine engine) {
    this.engine = engine;
  }

  /**
   * Looks an image up by reference or id.
   *
   * @param ref the reference
   * @return the image, when the engine has it
   */
  public Optional<Image> find(String ref) {
    try {
      InspectImageResponse r = engine.api().inspectImageCmd(ref).exec();
      Map<String, String> labels = r.getConfig() != null && r.getConfig().getLabels() != null
          ? r.getConfig().getLabels() : Map.of();
      return Optional.of(new Image(r.getId(), r.getRepoTags() == null ? List.of() : List.copyOf(r.getRepoTags()),
          labels));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw engine.translate("inspect the image '" + ref + "'", e);
    }
  }

  /**
   * The id of an image the engine must have.
   *
   * @param ref the reference
   * @param what what the image is for, for the message
   * @return the id
   * @throws ImageNotFoundException if the engine lacks it
   */
  public String require(String ref, String what) {
    return find(ref).map(Image::id).orElseThrow(() -> new ImageNotFoundException(ref, "the image '" + ref + "' ("
        + what + ") is not on the engine at " + engine.host(), null));
  }

  /**
   * Pulls an image, as compose does for a service's missing image.
   *
   * @param ref the reference
   * @param timeout how long the pull may take
   * @return the pulled image's id
   * @throws ImageNotFoundException if the pull fails (no registry reachable, no such image)
   */
  public String pull(String ref, Duration timeout) {
    String[] rt = repoAndTag(ref);
    ResultCallback.Adapter<PullResponseItem> cb = new ResultCallback.Adapter<>();
    try {
      engine.streaming().pullImageCmd(rt[0]).withTag(rt[1]).exec(cb);
      if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ImageNotFoundException(ref, "the image '" + ref + "' is not on the engine at " + engine.host()
            + ", and pulling it did not finish within " + timeout.toSeconds() + "s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerEngineException("interrupted while pulling '" + ref + "'", e);
    } catch (ImageNotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ImageNotFoundException(ref, "the image '" + ref + "' is not on the engine at " + engine.host()
          + ", and pulling it failed: " + Engine.errorMessage(String.valueOf(e.getMessage()).getBytes(
              java.nio.charset.StandardCharsets.UTF_8)), e);
    } finally {
      closeQuietly(cb);
    }
    return find(ref).map(Image::id).orElseThrow(() -> new ImageNotFoundException(ref, "the image '" + ref
        + "' is not on the engine at " + engine.host() + ", and pulling it left no image", null));
  }

  /**
   * Builds an image from a folder with the classic builder; intermediate containers are removed, failed or not.
   *
   * @param context the context folder
   * @param dockerfile the Dockerfile inside it
   * @param args build arguments
   * @param tag the tag to give the image
   * @param labels labels to put on the image
   * @param timeout how long the build may take
   * @return the image id and the build output
   * @throws DockerEngineException naming the tag, the folder and the build's error with its last output lines
   */
  public Built build(Path context, String dockerfile, Map<String, String> args, String tag, Map<String, String> labels,
      Duration timeout) {
    Path tar;
    try {
      tar = BuildContext.tar(context, dockerfile);
    } catch (IOException e) {
      throw new DockerEngineException("cannot pack the build context " + context + " for '" + tag + "': " + e, e);
    }
    BuildLog cb = new BuildLog();
    try (InputStream in = Files.newInputStream(tar)) {
      var cmd = engine.streaming().buildImageCmd(in)
          .withDockerfilePath(dockerfile)
          .withTags(Set.of(tag))
          .withLabels(labels)
          .withRemove(true)
          .withForcerm(true)
          .withPull(false);
      args.forEach(cmd::withBuildArg);
      cmd.exec(cb);
      if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DockerEngineException("building '" + tag + "' from " + context + " did not finish within "
            + timeout.toSeconds() + "s; last output:\n" + cb.tail(20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerEngineException("interrupted while building '" + tag + "' from " + context, e);
    } catch (IOException e) {
      throw new DockerEngineException("cannot read the build context tar for '" + tag + "': " + e, e);
    } catch (DockerEngineException e) {
      throw e;
    } catch (RuntimeException e) {
      if (cb.error != null) {
        throw buildFailed(tag, context, cb);
      }
      throw engine.translate("build '" + tag + "' from " + context, e);
    } finally {
      closeQuietly(cb);
      try {
        Files.deleteIfExists(tar);
      } catch (IOException e) {
        LOG.debug("could not delete the build context tar {}", tar, e);
      }
    }
    if (cb.error != null) {
      throw buildFailed(tag, context, cb);
    }
    String id = require(tag, "just built from " + context);
    return new Built(id, cb.tail(50));
  }

  private static DockerEngineException buildFailed(String tag, Path context, BuildLog cb) {
    return new DockerEngineException("building '" + tag + "' from " + context + " failed: " + cb.error.strip()
        + "\nlast build output:\n" + cb.tail(20));
  }

  /**
   * Points a tag at an image, moving it if it pointed elsewhere.
   *
   * @param imageId the image
   * @param ref the tag, {@code repo:tag}
   */
  public void tag(String imageId, String ref) {
    String[] rt = repoAndTag(ref);
    engine.run("tag " + shortId(imageId) + " as '" + ref + "'",
        () -> engine.api().tagImageCmd(imageId, rt[0], rt[1]).withForce(true).exec());
  }

  /**
   * Removes a tag; the image stays while other tags or containers use it, and is deleted otherwise.
   *
   * @param ref the tag
   * @return whether the tag existed
   */
  public boolean untag(String ref) {
    try {
      engine.api().removeImageCmd(ref).withForce(false).withNoPrune(false).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw engine.translate("remove the tag '" + ref + "'", e);
    }
  }

  /**
   * Adds {@code :latest} to a reference without a tag or digest.
   *
   * @param ref the reference
   * @return the reference with a tag
   */
  public static String normalize(String ref) {
    if (ref.startsWith("sha256:") || ref.contains("@")) {
      return ref;
    }
    return ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : ref + ":latest";
  }

  /**
   * Splits {@code repo:tag}.
   *
   * @param ref the reference
   * @return the repository and the tag ({@code latest} when absent)
   */
  public static String[] repoAndTag(String ref) {
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, "latest"};
  }

  /**
   * An id as people read it: 12 hex digits.
   *
   * @param id the id, with or without {@code sha256:}
   * @return the short id
   */
  public static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing a Docker stream failed", e);
    }
  }

  /** Collects a build's output and its error. */
  private static final class BuildLog extends ResultCallback.Adapter<BuildResponseItem> {
    private final List<String> lines = new ArrayList<>();
    private volatile String error;

    @Override
    public void onNext(BuildResponseItem item) {
      synchronized (lines) {
        if (item.getStream() != null) {
          for (String l : item.getStream().split("\n")) {
            if (!l.isBlank()) {
              lines.add(l);
            }
          }
          if (lines.size() > 500) {
            lines.subList(0, lines.size() - 500).clear();
          }
        }
      }
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : "the engine reported an error without a message";
      }
    }

    String tail(int n) {
      synchronized (lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
      }
    }
  }
}
