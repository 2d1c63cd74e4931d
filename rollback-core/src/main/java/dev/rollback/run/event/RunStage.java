package dev.rollback.run.event;

/** The stages of a run, in order; the journal records each transition before the stage starts. */
public enum RunStage {
  /** Adapters pin what must not move; signals are measured into the snapshot. */
  ASSESS,
  /** The severity is decided, with its deadline and approval policy. */
  DECIDE,
  /** People approve the rollback and the irreversible steps it holds. */
  APPROVE,
  /** The readiness checklist is evaluated; its outputs are bound. */
  PREPARE,
  /** The procedure runs phase by phase, each gated by its validations. */
  EXECUTE,
  /** The post-rollback validations and health checks run. */
  VERIFY,
  /** The communication plan's messages are sent. */
  COMMUNICATE,
  /** Every adapter proves what it promises for the report's safety section. */
  AUDIT,
  /** The monitoring rules are watched for their period. */
  MONITOR
}
