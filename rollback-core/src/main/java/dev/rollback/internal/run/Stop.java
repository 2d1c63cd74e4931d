package dev.rollback.internal.run;

import dev.rollback.report.RunStatus;

/** Ends a run early with a status and a reason; the engine still communicates, audits and reports. */
final class Stop extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final transient RunStatus status;

  Stop(RunStatus status, String summary) {
    super(summary, null, false, false);
    this.status = status;
  }
}
