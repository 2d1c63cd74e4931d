package dev.rollback.functional;

import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;

/** A notifier whose channel is a ledger file: one line per message sent. */
final class FileNotifier implements Notifier {

  private final Ledger file;

  FileNotifier(Ledger file) {
    this.file = file;
  }

  @Override
  public Delivery send(Notification n) {
    file.append(n.event() + " " + n.title() + " | " + n.body().replace('\n', ' '));
    return new Delivery("file", file.file().getFileName().toString());
  }
}
