/**
 * The extension points adapters implement: an {@link dev.rollback.spi.Adapter} maps step, check and signal kinds
 * to {@link dev.rollback.spi.StepHandler}s, {@link dev.rollback.spi.CheckEvaluator}s and
 * {@link dev.rollback.spi.SignalSource}s, and proves its promises after a run with an
 * {@link dev.rollback.spi.Audit}. {@link dev.rollback.spi.Stats} gives signal sources medians and percentiles.
 */
package dev.rollback.spi;
