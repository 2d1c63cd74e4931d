/**
 * What a run leaves behind: the {@link dev.rollback.report.RollbackReport} (decision, steps, verification,
 * approvals, notifications, the audit of what was kept, timings against the deadline), rendered as JSON and as the
 * Markdown incident report, and the run's final {@link dev.rollback.report.RunStatus}.
 */
package dev.rollback.report;
