package dev.rollback.spi;

/** Evaluates one kind of check. Checks observe only; previews evaluate them for real. */
public interface CheckEvaluator {

  /**
   * Evaluates the check.
   *
   * @param check the call
   * @return passed, failed or unknown, with evidence and, for checks that identify something, a value
   * @throws Exception when the check could not be evaluated; the executor reports it as failed with the cause
   */
  CheckResult evaluate(CheckContext check) throws Exception;
}
