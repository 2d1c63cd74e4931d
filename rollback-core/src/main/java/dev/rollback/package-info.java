/**
 * Rollback: CI rollback and recovery runbooks as code.
 *
 * <p>A {@link dev.rollback.RollbackPlan} is an immutable value built with the DSL of {@link dev.rollback.Rollback}:
 * triggers, a decision matrix of {@link dev.rollback.SeverityLevel}s, the assessment, the readiness checklist,
 * {@link dev.rollback.Procedure}s of {@link dev.rollback.Phase}s of {@link dev.rollback.Step}s gated by
 * {@link dev.rollback.Check}s, verification, monitoring, recovery strategies and communication.
 * {@link dev.rollback.RollbackPlan#check()} reports every problem at once; {@link dev.rollback.Runbook} renders
 * the plan as the human runbook. Steps, checks and signals are values; adapters (Git, Docker, GitHub) interpret
 * them through {@link dev.rollback.spi}.
 *
 * <p>Deciding and watching: a {@link dev.rollback.Snapshot} holds each measured signal once;
 * {@link dev.rollback.Conditions} evaluates conditions over it in three-valued logic ({@link dev.rollback.Truth}),
 * explained in an {@link dev.rollback.Evaluation}, with {@link dev.rollback.Baselines} resolving baselines;
 * {@link dev.rollback.DecisionMatrix} picks the severity and returns a {@link dev.rollback.Decision}; after the
 * rollback a {@link dev.rollback.Monitor} watches the plan's monitoring rules and raises {@link dev.rollback.Alert}s.
 * {@link dev.rollback.Signals} makes the signals that need no adapter (command output, files, test and coverage
 * reports).
 */
@ValueStyle
package dev.rollback;

import dev.rollback.spi.ValueStyle;
