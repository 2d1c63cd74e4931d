/**
 * Running a plan: {@link dev.rollback.run.RollbackExecutor} (preview, run, resume, recover) with its
 * {@link dev.rollback.run.RunOptions}, the {@link dev.rollback.run.Preview} of what a run would do, the
 * {@link dev.rollback.run.Journal} that lets an interrupted run be finished, the {@link dev.rollback.run.Settlement}
 * an operator gives for a step no adapter can probe, {@link dev.rollback.run.RunListener}s and
 * {@link dev.rollback.run.Progress} displays, and the built-in {@link dev.rollback.run.Approvers} and
 * {@link dev.rollback.run.Notifiers}. A {@link dev.rollback.run.ManualClock} lets tests and sandboxes run plans
 * without waiting. What a run produces is in {@link dev.rollback.report}; what it announces as it goes, in
 * {@link dev.rollback.run.event}.
 */
package dev.rollback.run;
