package dev.rollback.docker.internal;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.Removal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lists and removes what carries a label: containers (with their anonymous volumes), images, volumes. */
public final class Cleanup {

  private final Engine engine;

  /**
   * Creates the operations.
   *
   * @param engine the engine
   */
  public Cleanup(Engine engine) {
    this.engine = engine;
  }

  /**
   * The containers carrying a label, in any state.
   *
   * @param label {@code key} or {@code key=value}
   * @param runningOnly whether to list only running ones
   * @return the containers
   */
  public List<Container> containers(String label, boolean runningOnly) {
    return engine.call("list the containers labelled " + label,
        () -> engine.api().listContainersCmd().withShowAll(!runningOnly).withLabelFilter(List.of(label)).exec());
  }

  /**
   * How many containers are running.
   *
   * @return the count
   */
  public int running() {
    return engine.call("list the running containers", () -> engine.api().listContainersCmd().exec().size());
  }

  /**
   * The images carrying a label.
   *
   * @param label {@code key} or {@code key=value}
   * @return the images
   */
  public List<Image> images(String label) {
    return engine.call("list the images labelled " + label,
        () -> engine.api().listImagesCmd().withLabelFilter(label).exec());
  }

  /**
   * The volumes carrying a label.
   *
   * @param label {@code key} or {@code key=value}
   * @return the volumes
   */
  public List<InspectVolumeResponse> volumes(String label) {
    return engine.call("list the volumes labelled " + label, () -> {
      List<InspectVolumeResponse> v = engine.api().listVolumesCmd().withFilter("label", List.of(label)).exec()
          .getVolumes();
      return v == null ? List.<InspectVolumeResponse>of() : v;
    });
  }

  /**
   * Removes the containers, then the images (newest first, so children go before parents), then the volumes
   * carrying a label. Tries everything, then reports what could not be removed.
   *
   * @param label {@code key} or {@code key=value}
   * @return what was removed
   * @throws DockerEngineException listing what could not be removed, after removing the rest
   */
  public Removal remove(String label) {
    List<String> failures = new ArrayList<>();
    List<String> containers = new ArrayList<>();
    for (Container c : containers(label, false)) {
      String name = name(c);
      try {
        engine.api().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        containers.add(name);
      } catch (NotFoundException e) {
        containers.add(name);
      } catch (RuntimeException e) {
        failures.add("container " + name + ": " + engine.translate("remove it", e).getMessage());
      }
    }
    List<String> images = new ArrayList<>();
    List<Image> labelled = new ArrayList<>(images(label));
    labelled.sort(Comparator.comparing((Image i) -> i.getCreated() == null ? 0L : i.getCreated()).reversed());
    for (Image i : labelled) {
      try {
        engine.api().removeImageCmd(i.getId()).withForce(true).withNoPrune(false).exec();
        images.add(i.getId());
      } catch (NotFoundException e) {
        images.add(i.getId());
      } catch (RuntimeException e) {
        failures.add("image " + Images.shortId(i.getId()) + ": " + engine.translate("remove it", e).getMessage());
      }
    }
    List<String> volumes = new ArrayList<>();
    for (InspectVolumeResponse v : volumes(label)) {
      try {
        engine.api().removeVolumeCmd(v.getName()).exec();
        volumes.add(v.getName());
      } catch (NotFoundException e) {
        volumes.add(v.getName());
      } catch (RuntimeException e) {
        failures.add("volume " + v.getName() + ": " + engine.translate("remove it", e).getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new DockerEngineException("removed " + containers.size() + " containers, " + images.size() + " images and "
          + volumes.size() + " volumes labelled " + label + ", but could not remove: " + String.join("; ", failures));
    }
    return new Removal(label, containers, images, volumes);
  }

  /**
   * A container's name without the leading slash.
   *
   * @param c the container
   * @return the name, or the short id
   */
  public static String name(Container c) {
    String[] names = c.getNames();
    if (names != null && names.length > 0) {
      return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }
    return Images.shortId(c.getId());
  }
}
