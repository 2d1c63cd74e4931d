package dev.rollback.internal.core;

import dev.rollback.spi.Approver;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Asks a person, through the executor's approver, to confirm something before a timeout. */
final class Confirmations {

  private final Optional<Approver> approver;

  Confirmations(Optional<Approver> approver) {
    this.approver = approver;
  }

  /**
   * The person's answer.
   *
   * @param ctx the call, for the run and the clock
   * @param kind what kind of confirmation
   * @param text what to confirm
   * @param timeout how long to wait
   * @return the answer, or empty when nobody answered (or there is no approver to ask)
   * @throws Exception when the approver fails
   */
  Optional<Vote> ask(CallContext ctx, ConfirmationRequest.Kind kind, String text, Duration timeout)
      throws Exception {
    if (approver.isEmpty()) {
      return Optional.empty();
    }
    Instant now = ctx.run().clock().instant();
    ConfirmationRequest request = new ConfirmationRequest(ctx.run().runId(), ctx.run().plan().name(), kind, text, now,
        now.plus(timeout));
    Optional<Vote> v = approver.get().confirm(request);
    return v == null ? Optional.empty() : v.filter(x -> !x.at().isAfter(request.expiresAt()));
  }

  /** Why there is no answer, for messages. */
  String noAnswer(String text) {
    return approver.isEmpty() ? "no approver is configured to ask a person to confirm '" + text + "'"
        : "nobody confirmed '" + text + "' in time";
  }
}
