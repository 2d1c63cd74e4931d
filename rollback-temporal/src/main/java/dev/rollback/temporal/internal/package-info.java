/**
 * The engine behind rollback-temporal: the workflow implementations (deterministic: no clock, no random, no I/O),
 * the activities that call the adapters through the SPI, and what they send each other. Not an API: workers
 * register these through {@link dev.rollback.temporal.FleetWorker}.
 */
package dev.rollback.temporal.internal;
