package dev.rollback.temporal;

/**
 * What one step or check of a target's run did.
 *
 * @param part where it is: {@code readiness}, the phase's name, {@code verification}, {@code health}, {@code undo}
 * @param name the step's or check's name
 * @param status {@code APPLIED}, {@code ALREADY_APPLIED} (found done by the probe on a retried attempt),
 *     {@code PASSED}, {@code FAILED}, {@code COMPENSATED}, {@code WAITED}
 * @param summary what happened, in one line, secrets masked
 * @param attempts the activity's attempts (more than 1 when a worker died or timed out)
 * @param millis how long it took
 */
public record StepRecord(String part, String name, String status, String summary, int attempts, long millis) {}
