/**
 * Sandboxes for the demo and the benchmarks: a generated repository with a realistic history (CI workflow,
 * compose file, test scripts, hundreds or thousands of commits), the bad "P3-007" change, and a bare origin.
 */
package dev.rollback.examples.sandbox;
