package dev.rollback.docker.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.rollback.docker.DiskUsage;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.EventSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the engine's disk usage ({@code GET /system/df}) and events ({@code GET /events} with {@code since} and
 * {@code until}), both sent through docker-java's own HTTP client.
 */
public final class SystemReads {

  private static final Set<String> ACTIVE = Set.of("running", "paused", "restarting");

  private final Engine engine;

  /**
   * Creates the reads over an engine.
   *
   * @param engine the engine
   */
  public SystemReads(Engine engine) {
    this.engine = engine;
  }

  /**
   * The disk usage.
   *
   * @return images, containers, volumes and build cache
   */
  public DiskUsage diskUsage() {
    return diskUsage(engine.getJson("read the disk usage", "/system/df"));
  }

  /**
   * Computes the usage from a {@code /system/df} answer as the docker command line does.
   *
   * @param df the answer
   * @return the usage
   */
  static DiskUsage diskUsage(JsonNode df) {
    long layers = df.path("LayersSize").asLong(0);
    long imagesActive = 0;
    long used = 0;
    JsonNode images = df.path("Images");
    for (JsonNode i : images) {
      if (i.path("Containers").asLong(0) > 0) {
        imagesActive++;
        long size = i.path("Size").asLong(-1);
        long shared = i.path("SharedSize").asLong(-1);
        if (size >= 0 && shared >= 0) {
          used += size - shared;
        }
      }
    }
    DiskUsage.Usage img = new DiskUsage.Usage(images.size(), imagesActive, layers, Math.max(0, layers - used));
    long cActive = 0;
    long cSize = 0;
    long cReclaim = 0;
    JsonNode containers = df.path("Containers");
    for (JsonNode c : containers) {
      long rw = Math.max(0, c.path("SizeRw").asLong(0));
      cSize += rw;
      if (ACTIVE.contains(c.path("State").asText(""))) {
        cActive++;
      } else {
        cReclaim += rw;
      }
    }
    DiskUsage.Usage con = new DiskUsage.Usage(containers.size(), cActive, cSize, cReclaim);
    long vActive = 0;
    long vSize = 0;
    long vReclaim = 0;
    JsonNode volumes = df.path("Volumes");
    for (JsonNode v : volumes) {
      long size = v.path("UsageData").path("Size").asLong(-1);
      long refs = v.path("UsageData").path("RefCount").asLong(0);
      if (refs > 0) {
        vActive++;
      }
      if (size >= 0) {
        vSize += size;
        if (refs == 0) {
          vReclaim += size;
        }
      }
    }
    DiskUsage.Usage vol = new DiskUsage.Usage(volumes.size(), vActive, vSize, vReclaim);
    JsonNode cache = df.path("BuildCache");
    DiskUsage.Usage bc;
    if (cache.isArray()) {
      long bActive = 0;
      long bSize = 0;
      long bReclaim = 0;
      for (JsonNode b : cache) {
        boolean inUse = b.path("InUse").asBoolean(false);
        boolean shared = b.path("Shared").asBoolean(false);
        if (inUse) {
          bActive++;
        }
        if (!shared) {
          bSize += b.path("Size").asLong(0);
          if (!inUse) {
            bReclaim += b.path("Size").asLong(0);
          }
        }
      }
      bc = new DiskUsage.Usage(cache.size(), bActive, bSize, bReclaim);
    } else {
      long size = df.path("BuilderSize").asLong(0);
      bc = new DiskUsage.Usage(0, 0, size, size);
    }
    return new DiskUsage(img, con, vol, bc);
  }

  /**
   * The events in a window. The engine ends the answer at {@code until}; the call is also bounded by a timeout, in
   * case the engine's clock is behind the window.
   *
   * @param since the window's start
   * @param until the window's end
   * @param timeout how long reading may take
   * @return the counts
   * @throws DockerEngineException if the engine refuses or the read does not finish in time
   */
  public EventSummary events(Instant since, Instant until, Duration timeout) {
    if (until.isBefore(since)) {
      throw new IllegalArgumentException("the events window ends (" + until + ") before it starts (" + since + ")");
    }
    String path = "/events?since=" + unix(since) + "&until=" + unix(until);
    DockerHttpClient.Response response = engine.openStream("read the events from " + since + " to " + until, path);
    CompletableFuture<EventSummary> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream body = response.getBody()) {
        return summarize(since, until, body);
      } catch (IOException e) {
        throw new DockerEngineException("reading the events from the engine at " + engine.host() + " failed: " + e, e);
      }
    });
    try {
      return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DockerEngineException("reading the events from " + since + " to " + until + " from the engine at "
          + engine.host() + " did not finish within " + timeout.toSeconds() + "s; is the engine's clock behind?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerEngineException("interrupted while reading events", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof DockerEngineException ? (DockerEngineException) cause
          : new DockerEngineException("reading the events failed: " + cause, cause);
    } finally {
      response.close();
    }
  }

  static EventSummary summarize(Instant since, Instant until, InputStream body) throws IOException {
    Map<String, Long> byType = new HashMap<>();
    Map<String, Long> byAction = new HashMap<>();
    List<String> failed = new ArrayList<>();
    long total = 0;
    long oom = 0;
    try (JsonParser parser = Json.mapper().getFactory().createParser(body);
        MappingIterator<JsonNode> it = Json.mapper().readerFor(JsonNode.class).readValues(parser)) {
      while (it.hasNextValue()) {
        JsonNode e = it.nextValue();
        total++;
        String type = e.path("Type").asText("unknown");
        String action = e.path("Action").asText(e.path("status").asText("unknown"));
        int colon = action.indexOf(':');
        if (colon > 0) {
          action = action.substring(0, colon);
        }
        byType.merge(type, 1L, Long::sum);
        byAction.merge(type + "." + action, 1L, Long::sum);
        JsonNode attrs = e.path("Actor").path("Attributes");
        if (type.equals("container") && action.equals("die")) {
          String code = attrs.path("exitCode").asText("0");
          if (!code.equals("0")) {
            failed.add(attrs.path("name").asText(e.path("Actor").path("ID").asText("?")) + " ("
                + attrs.path("image").asText("?") + "): exit code " + code);
          }
        }
        if (type.equals("container") && action.equals("oom")) {
          oom++;
        }
      }
    }
    return new EventSummary(since, until, total, sorted(byType), sorted(byAction), failed, oom);
  }

  private static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static String unix(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }
}
