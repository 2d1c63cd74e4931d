/**
 * Plans and fleets of targets as Temporal workflows (DESIGN §8): {@link dev.rollback.temporal.FleetClient} starts,
 * follows, approves, pauses and aborts a fleet; {@link dev.rollback.temporal.FleetWorker} runs its workflows and
 * activities, which carry out every step, check and notification through the same adapters and SPI as the local
 * executor; {@link dev.rollback.temporal.FleetReport} is what a fleet reports, one row per target.
 */
package dev.rollback.temporal;
