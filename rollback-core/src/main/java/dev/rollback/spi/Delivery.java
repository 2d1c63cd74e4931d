package dev.rollback.spi;

import java.util.Objects;

/**
 * Where a notification went.
 *
 * @param channel the channel's name
 * @param location where people find it: an issue URL, a file path, {@code log}; never a secret URL
 */
public record Delivery(String channel, String location) {

  /**
   * Creates a delivery record.
   *
   * @param channel the channel
   * @param location where it went
   * @throws NullPointerException if an argument is null
   */
  public Delivery {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(location, "location");
  }
}
