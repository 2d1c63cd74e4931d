/**
 * What a run announces as it goes: the {@link dev.rollback.run.event.RunEvent}s a
 * {@link dev.rollback.run.RunListener} receives, one per stage ({@link dev.rollback.run.event.RunStage}), step,
 * check, approval, notification and outcome.
 */
package dev.rollback.run.event;
