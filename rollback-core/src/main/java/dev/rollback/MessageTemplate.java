package dev.rollback;

import dev.rollback.run.RunOptions;
import java.util.Arrays;
import java.util.List;
import org.immutables.value.Value;

/**
 * A message of the communication plan: when it is sent, its title and Mustache body, and the channels it goes
 * through. Channels are named here and configured on the executor, where secrets such as webhook URLs live.
 *
 * <pre>{@code
 * message("rollback-notification")
 *     .on(NotificationEvent.ROLLBACK_COMPLETED)
 *     .title("P3-007 Rollback Notification")
 *     .body("Docker CI test execution has been rolled back due to {{reason}}.\n"
 *         + "- Test execution time: {{metrics.test_execution_time}}\n"
 *         + "Contact {{team}} for any issues or questions.")
 *     .via("github-issue", "chat")
 * }</pre>
 *
 * <p><b>What templates are filled from.</b> Templates are Mustache (jmustache; no HTML escaping, a missing value
 * renders empty). A name with dots is looked up whole first ({@code decision.deadline}), then part by part
 * ({@code metrics.test_execution_time}). A run gives, later entries winning over earlier ones:
 * <ol>
 *   <li>the plan's {@link RollbackPlan#messageValues() message values} (such as {@code team}, {@code fixes}), with
 *       the run's {@link RunOptions#withMessageValue(String, Object) own values} in their place;</li>
 *   <li>every output bound with {@code .as(name)} so far, and its further outputs ({@code fix},
 *       {@code fix.subject}), and the built-in outputs {@code run.id}, {@code run.date}, {@code run.startedAt},
 *       {@code plan.name}, {@code plan.hash}, {@code decision.severity}, {@code decision.reason},
 *       {@code decision.deadline}, {@code decision.detectedAt};</li>
 *   <li>{@code runId}, {@code plan} (its name), {@code planHash}, {@code status} (the run's status so far, such as
 *       {@code SUCCEEDED}) and {@code summary};</li>
 *   <li>once decided: {@code severity}, {@code reason} (in a line: the severity's description and what decided
 *       it), {@code procedure}, {@code emergency}, {@code deadline} ({@code none} without one);</li>
 *   <li>{@code metrics.<signal>}: each signal, as shown with its unit ({@code 195s}, {@code 40%}, or
 *       {@code unknown}): its latest known value when a validation or the verification measured it again after
 *       the procedure started changing things, else its value at assessment;</li>
 *   <li>{@code timeline.detected}, {@code timeline.started}, {@code timeline.completed} (when the procedure or the
 *       recovery's phases finished; empty before);</li>
 *   <li>{@code steps}: a list of {@code {phase, name, status, summary}}, for
 *       {@code {{#steps}}- {{name}}: {{status}}{{/steps}}};</li>
 *   <li>in recovery messages ({@link NotificationEvent#RECOVERY_COMPLETED}, {@link NotificationEvent#RECOVERY_FAILED}):
 *       {@code recovery}, the strategy's name;</li>
 *   <li>in {@link NotificationEvent#ALERT} messages: {@code alert.rule}, {@code alert.action},
 *       {@code alert.explanation}, {@code alert.at}.</li>
 * </ol>
 * Every instant is ISO-8601 text. {@link RollbackPlan#check()} reports a name used outside a section that no run
 * of the plan fills (a misspelt placeholder, a value the plan does not declare, a signal it does not measure);
 * names inside a section may be fields of the section's items and are not checked.
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
