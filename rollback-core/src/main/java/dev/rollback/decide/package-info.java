/**
 * Deciding: conditions evaluated over a {@link dev.rollback.Snapshot} of measured signals, in three-valued logic.
 *
 * <p>{@link dev.rollback.decide.Conditions} evaluates a condition against an
 * {@link dev.rollback.decide.EvaluationContext} (the snapshot, the plan, the facts people declared, the
 * {@link dev.rollback.decide.Baselines}) and explains its value ({@link dev.rollback.decide.Truth}) in an
 * {@link dev.rollback.decide.Evaluation}; {@link dev.rollback.decide.DecisionMatrix} picks the plan's severity and
 * returns a {@link dev.rollback.decide.Decision}. The snapshot itself is part of the plan model, in
 * {@code dev.rollback}, since a plan names the signals a snapshot holds.
 */
package dev.rollback.decide;
