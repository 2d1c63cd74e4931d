package dev.rollback.docker.internal;

import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.ImageNotFoundException;
import dev.rollback.docker.TagChange;
import java.util.Optional;

/**
 * Moves tags and moves them back. Before a tag moves, the image it pointed to gets a keep-alive tag
 * ({@code repo:rollback-prev} for {@code latest}, {@code repo:<tag>-rollback-prev} otherwise), so it cannot become
 * dangling and be pruned, and a later run can still move the tag back to it.
 */
public final class Tags {

  /** The suffix of keep-alive tags. */
  public static final String PREV = "rollback-prev";

  private final Images images;

  /**
   * Creates the operations.
   *
   * @param images the image operations
   */
  public Tags(Images images) {
    this.images = images;
  }

  /**
   * The keep-alive tag for a tag.
   *
   * @param tag {@code repo:tag}
   * @return {@code repo:rollback-prev} for {@code latest}, else {@code repo:<tag>-rollback-prev}
   */
  public static String prevTag(String tag) {
    String[] rt = Images.repoAndTag(Images.normalize(tag));
    return rt[0] + ":" + (rt[1].equals("latest") ? PREV : rt[1] + "-" + PREV);
  }

  /**
   * Checks that a tag can be moved: a name with a tag, not an id, not a keep-alive tag.
   *
   * @param tag the tag
   * @return the tag, with {@code :latest} when it had none
   * @throws IllegalArgumentException naming the tag
   */
  public static String movable(String tag) {
    String t = Images.normalize(tag);
    if (t.startsWith("sha256:") || t.contains("@")) {
      throw new IllegalArgumentException("'" + tag + "' is an image id or digest, not a tag that can move");
    }
    if (Images.repoAndTag(t)[1].endsWith(PREV)) {
      throw new IllegalArgumentException("'" + tag + "' is a keep-alive tag; move the tag it keeps instead");
    }
    return t;
  }

  /**
   * The image a tag points to.
   *
   * @param tag the tag
   * @return its id, when the tag exists
   */
  public Optional<String> current(String tag) {
    return images.find(Images.normalize(tag)).map(Images.Image::id);
  }

  /**
   * Points a tag at an image, first tagging the image it pointed to with the keep-alive tag.
   *
   * @param tag the tag
   * @param image the image, by reference or id
   * @return what changed
   * @throws ImageNotFoundException if the image is not on the engine
   */
  public TagChange move(String tag, String image) {
    String t = movable(tag);
    String target = images.require(image, "the image to point '" + t + "' at");
    Optional<String> previous = current(t);
    if (previous.isPresent() && previous.get().equals(target)) {
      return new TagChange(t, target, previous, Optional.empty(), false);
    }
    Optional<String> keptAs = Optional.empty();
    if (previous.isPresent()) {
      images.tag(previous.get(), prevTag(t));
      keptAs = Optional.of(prevTag(t));
    }
    images.tag(target, t);
    return new TagChange(t, target, previous, keptAs, true);
  }

  /**
   * Points a tag back at the image its keep-alive tag holds: the image it pointed to before it last moved.
   *
   * @param tag the tag
   * @return what changed; {@code previousImageId} is the image the tag pointed to until now
   * @throws DockerEngineException if nothing records where the tag pointed before
   */
  public TagChange restore(String tag) {
    String t = movable(tag);
    String prev = prevTag(t);
    String target = images.find(prev).map(Images.Image::id).orElseThrow(() -> new DockerEngineException(
        "cannot move '" + t + "' back: there is no '" + prev + "' tag recording the image it pointed to before"
            + " (docker.moveTag and docker.buildImage add it when they move a tag)"));
    Optional<String> current = current(t);
    if (current.isPresent() && current.get().equals(target)) {
      return new TagChange(t, target, current, Optional.empty(), false);
    }
    images.tag(target, t);
    return new TagChange(t, target, current, Optional.empty(), true);
  }

  /**
   * Undoes a move: points the tag at the image it pointed to before, or removes it when it did not exist.
   *
   * @param tag the tag
   * @param previous the image it pointed to before, when it existed
   * @return a description of what was done
   */
  public String undo(String tag, Optional<String> previous) {
    String t = Images.normalize(tag);
    if (previous.isPresent()) {
      if (images.find(previous.get()).isEmpty()) {
        throw new ImageNotFoundException(previous.get(), "cannot point '" + t + "' back at "
            + Images.shortId(previous.get()) + ": that image is gone from the engine", null);
      }
      images.tag(previous.get(), t);
      return "pointed " + t + " back at " + Images.shortId(previous.get());
    }
    return images.untag(t) ? "removed the tag " + t + ", which did not exist before" : "the tag " + t + " is gone";
  }
}
