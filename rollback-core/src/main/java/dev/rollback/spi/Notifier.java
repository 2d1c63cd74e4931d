package dev.rollback.spi;

/**
 * Sends rendered messages of the communication plan through one channel: a GitHub issue or comment, a webhook,
 * a Markdown file, the log. A failed send is reported and retried by the executor's policy; it never stops a
 * rollback.
 */
public interface Notifier {

  /**
   * Sends one message.
   *
   * @param notification the rendered message
   * @return where it went
   * @throws Exception when it could not be sent; the message must not contain a secret
   */
  Delivery send(Notification notification) throws Exception;

  /**
   * Values this channel holds that must never be shown, such as a webhook URL with its key: the executor redacts
   * them from the journal, reports, logs and exception messages.
   *
   * @return the secret values
   */
  default java.util.Collection<String> secrets() {
    return java.util.List.of();
  }
}
