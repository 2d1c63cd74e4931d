package dev.rollback;

import java.util.Arrays;
import java.util.List;
import org.immutables.value.Value;

/**
 * A message of the communication plan: when it is sent, its title and Mustache body, and the channels it goes
 * through. The body's placeholders ({@code {{reason}}}, {@code {{severity}}}, {@code {{timeline.detected}}}, ...)
 * are filled from the run. Channels are named here and configured on the executor, where secrets such as webhook
 * URLs live.
 *
 * <pre>{@code
 * message("rollback-notification")
 *     .on(NotificationEvent.ROLLBACK_COMPLETED)
 *     .title("P3-007 Rollback Notification")
 *     .body("Docker CI test execution has been rolled back due to {{reason}}.")
 *     .via("github-issue", "slack")
 * }</pre>
 */
@Value.Immutable
public abstract class MessageTemplate {

  MessageTemplate() {}

  /**
   * The message's name, unique in the plan.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * When the message is sent.
   *
   * @return the event
   */
  public abstract NotificationEvent event();

  /**
   * The title, itself a template.
   *
   * @return the title
   */
  public abstract String title();

  /**
   * The body, a Mustache template producing Markdown.
   *
   * @return the body
   */
  public abstract String body();

  /**
   * The channels the message goes through, by the names they are registered under on the executor.
   *
   * @return the channel names
   */
  public abstract List<String> channels();

  /**
   * A builder; for copy-and-tweak use {@code MessageTemplate.builder().from(message)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "MessageTemplate[" + name() + " on " + event() + " via " + channels() + "]";
  }

  /** Builds a {@link MessageTemplate}. */
  public static final class Builder extends ImmutableMessageTemplate.Builder {
    Builder() {}

    /**
     * Sets when the message is sent.
     *
     * @param event the event
     * @return this builder
     */
    public Builder on(NotificationEvent event) {
      return event(event);
    }

    /**
     * Adds channels the message goes through.
     *
     * @param channels channel names
     * @return this builder
     */
    public Builder via(String... channels) {
      return addAllChannels(Arrays.asList(channels));
    }
  }
}
