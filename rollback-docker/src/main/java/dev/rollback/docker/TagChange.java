package dev.rollback.docker;

import java.util.Objects;
import java.util.Optional;

/**
 * What moving a tag did: where it points now, where it pointed before, and the tag that keeps the previous image
 * alive ({@code repo:rollback-prev} for {@code latest}, {@code repo:<tag>-rollback-prev} for another tag).
 *
 * @param tag the tag, {@code repo:tag}
 * @param imageId the image it points to now
 * @param previousImageId the image it pointed to before, when it existed
 * @param keptAs the tag now on the previous image, when one was added
 * @param changed whether anything changed (the tag may already have pointed there)
 */
public record TagChange(String tag, String imageId, Optional<String> previousImageId, Optional<String> keptAs,
    boolean changed) {

  /**
   * Creates the value.
   *
   * @param tag the tag
   * @param imageId the new image
   * @param previousImageId the previous image
   * @param keptAs the keep-alive tag
   * @param changed whether anything changed
   * @throws NullPointerException if an argument is null
   */
  public TagChange {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(previousImageId, "previousImageId");
    Objects.requireNonNull(keptAs, "keptAs");
  }
}
