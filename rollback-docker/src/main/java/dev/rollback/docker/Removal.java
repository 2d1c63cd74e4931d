package dev.rollback.docker;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Docker#removeByLabel(String)} removed.
 *
 * @param label the label filter, {@code key} or {@code key=value}
 * @param containers the containers removed, by name
 * @param images the images removed, by id
 * @param volumes the volumes removed, by name
 */
public record Removal(String label, List<String> containers, List<String> images, List<String> volumes) {

  /**
   * Creates the value.
   *
   * @param label the filter
   * @param containers the containers
   * @param images the images
   * @param volumes the volumes
   * @throws NullPointerException if an argument is null
   */
  public Removal {
    Objects.requireNonNull(label, "label");
    containers = List.copyOf(containers);
    images = List.copyOf(images);
    volumes = List.copyOf(volumes);
  }

  /**
   * How many objects were removed.
   *
   * @return containers, images and volumes together
   */
  public int count() {
    return containers.size() + images.size() + volumes.size();
  }
}
