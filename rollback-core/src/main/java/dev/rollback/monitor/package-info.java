/**
 * Watching after a rollback: a {@link dev.rollback.monitor.Monitor} measures the plan's monitoring signals at each
 * interval, evaluates its rules and raises {@link dev.rollback.monitor.Alert}s, summed up in a
 * {@link dev.rollback.monitor.MonitorReport}.
 */
package dev.rollback.monitor;
