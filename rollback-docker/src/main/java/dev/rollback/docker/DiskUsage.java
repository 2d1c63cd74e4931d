package dev.rollback.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker system df} shows, read from the engine's {@code GET /system/df}: per kind of object, how many
 * there are, how many are in use, their size and how much of it could be reclaimed, computed as the docker command
 * line computes it.
 *
 * @param images images (size: all layers; reclaimable: layers no container uses)
 * @param containers containers (size: their writable layers; reclaimable: those of stopped containers)
 * @param volumes volumes (reclaimable: volumes no container uses)
 * @param buildCache the build cache (reclaimable: entries neither in use nor shared)
 */
public record DiskUsage(Usage images, Usage containers, Usage volumes, Usage buildCache) {

  /**
   * The usage of one kind of object.
   *
   * @param count how many
   * @param active how many are in use
   * @param sizeBytes their size
   * @param reclaimableBytes how much removing the unused ones would free
   */
  public record Usage(long count, long active, long sizeBytes, long reclaimableBytes) {

    /**
     * The usage as plain data for evidence.
     *
     * @return count, active, size and reclaimable bytes
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", count);
      m.put("active", active);
      m.put("sizeBytes", sizeBytes);
      m.put("reclaimableBytes", reclaimableBytes);
      return m;
    }
  }

  /**
   * Creates the value.
   *
   * @param images images
   * @param containers containers
   * @param volumes volumes
   * @param buildCache the build cache
   * @throws NullPointerException if an argument is null
   */
  public DiskUsage {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(containers, "containers");
    Objects.requireNonNull(volumes, "volumes");
    Objects.requireNonNull(buildCache, "buildCache");
  }

  /**
   * The size of everything.
   *
   * @return the sum of the four sizes
   */
  public long totalBytes() {
    return images.sizeBytes + containers.sizeBytes + volumes.sizeBytes + buildCache.sizeBytes;
  }

  /**
   * What could be reclaimed in all.
   *
   * @return the sum of the four reclaimable sizes
   */
  public long reclaimableBytes() {
    return images.reclaimableBytes + containers.reclaimableBytes + volumes.reclaimableBytes
        + buildCache.reclaimableBytes;
  }

  /**
   * One part by name, as signals name them.
   *
   * @param part {@code images}, {@code containers}, {@code volumes} or {@code buildCache}
   * @return the usage
   * @throws IllegalArgumentException for another name
   */
  public Usage part(String part) {
    switch (part) {
      case "images":
        return images;
      case "containers":
        return containers;
      case "volumes":
        return volumes;
      case "buildCache":
        return buildCache;
      default:
        throw new IllegalArgumentException("unknown disk usage part '" + part
            + "'; use images, containers, volumes, buildCache or total");
    }
  }

  /**
   * The usage as plain data for evidence.
   *
   * @return the four parts, the total and what is reclaimable
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", images.toMap());
    m.put("containers", containers.toMap());
    m.put("volumes", volumes.toMap());
    m.put("buildCache", buildCache.toMap());
    m.put("totalBytes", totalBytes());
    m.put("reclaimableBytes", reclaimableBytes());
    return m;
  }
}
