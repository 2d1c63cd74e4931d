package dev.rollback.internal.core;

import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.util.Optional;

/** {@code core.confirm} checks: a person ticks the item; no answer in time leaves it unknown. */
final class ConfirmCheck implements CheckEvaluator {

  private final Confirmations confirmations;

  ConfirmCheck(Confirmations confirmations) {
    this.confirmations = confirmations;
  }

  @Override
  public CheckResult evaluate(CheckContext check) throws Exception {
    String item = CoreContracts.ITEM.read(check);
    Optional<Vote> v = confirmations.ask(check, ConfirmationRequest.Kind.CHECK, item, check.timeout());
    if (v.isEmpty()) {
      return CheckResult.unknown(confirmations.noAnswer(item));
    }
    CheckResult r = v.get().approve() ? CheckResult.passed("confirmed by " + v.get().person())
        : CheckResult.failed(v.get().person() + " did not confirm it" + v.get().comment().map(c -> ": " + c)
        .orElse(""));
    return r.withEvidence("by", v.get().person()).withEvidence("via", v.get().via()).withEvidence("at", v.get().at());
  }
}
