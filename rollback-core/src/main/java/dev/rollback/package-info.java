/**
 * Rollback: CI rollback and recovery runbooks as code. This package holds the plan model and its DSL, so that
 * {@code import dev.rollback.*} is all a plan script needs.
 *
 * <p>A {@link dev.rollback.RollbackPlan} is an immutable value built with the DSL of {@link dev.rollback.Rollback}:
 * triggers, a decision matrix of {@link dev.rollback.SeverityLevel}s, the assessment, the readiness checklist,
 * {@link dev.rollback.Procedure}s of {@link dev.rollback.Phase}s of {@link dev.rollback.Step}s gated by
 * {@link dev.rollback.Check}s, verification, monitoring, recovery strategies and communication.
 * {@link dev.rollback.RollbackPlan#check()} reports every problem at once; {@link dev.rollback.Runbook} renders
 * the plan as the human runbook. Steps, checks and signals are values made by {@link dev.rollback.Steps},
 * {@link dev.rollback.Checks} and {@link dev.rollback.Signals} (and the adapters' own factories); a
 * {@link dev.rollback.Snapshot} holds each measured signal once.
 *
 * <p>The other packages, one per concern:
 * <ul>
 *   <li>{@link dev.rollback.decide}: conditions evaluated over a snapshot in three-valued logic, baselines, the
 *       decision matrix;</li>
 *   <li>{@link dev.rollback.run}: the executor, its options, the preview, the journal, listeners, approvers and
 *       notifiers;</li>
 *   <li>{@link dev.rollback.run.event}: what a run announces as it goes;</li>
 *   <li>{@link dev.rollback.report}: what a run leaves behind, the report and the run's status;</li>
 *   <li>{@link dev.rollback.monitor}: watching the monitoring rules after a rollback;</li>
 *   <li>{@link dev.rollback.spi}: what adapters (Git, Docker, GitHub) implement to interpret steps, checks and
 *       signals.</li>
 * </ul>
 */
@ValueStyle
package dev.rollback;

import dev.rollback.internal.ValueStyle;
