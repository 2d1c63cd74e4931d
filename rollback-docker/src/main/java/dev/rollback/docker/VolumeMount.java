package dev.rollback.docker;

import java.util.Objects;

/**
 * One entry of a compose service's {@code volumes}, in short ({@code ./data:/data:ro}) or long form.
 *
 * @param type what is mounted
 * @param source for a bind, the absolute host path; for a volume, the engine's volume name (empty for an anonymous
 *     volume); for tmpfs, empty
 * @param target the path inside the container
 * @param readOnly whether the container sees it read-only
 * @param shortForm whether it was written in short form, which creates a missing host directory as compose does
 */
public record VolumeMount(Type type, String source, String target, boolean readOnly, boolean shortForm) {

  /** What a mount is. */
  public enum Type {
    /** A host path. */
    BIND,
    /** A named or anonymous volume. */
    VOLUME,
    /** A memory file system. */
    TMPFS
  }

  /**
   * Creates the value.
   *
   * @param type what is mounted
   * @param source the source
   * @param target the container path
   * @param readOnly read-only or not
   * @param shortForm whether written in short form
   * @throws NullPointerException if an argument is null
   */
  public VolumeMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /**
   * Whether this is an anonymous volume, removed with its container.
   *
   * @return {@code true} for a volume without a name
   */
  public boolean isAnonymous() {
    return type == Type.VOLUME && source.isEmpty();
  }
}
