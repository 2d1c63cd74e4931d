package dev.rollback.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The adapter's last copies of conditional reads, by URL, least recently used first out. Thread-safe. */
final class EtagCache {

  record Copy(String etag, JsonNode body) {}

  private final Map<String, Copy> copies;

  EtagCache(int size) {
    this.copies = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Copy> eldest) {
        return size() > size;
      }
    };
  }

  synchronized Copy get(String url) {
    return copies.get(url);
  }

  synchronized void put(String url, String etag, JsonNode body) {
    copies.put(url, new Copy(etag, body));
  }
}
