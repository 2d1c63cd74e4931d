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
}
