/**
 * Temporal's own test server as a separate process on the loopback interface, for tests and demos that need no
 * cluster: {@link dev.rollback.temporal.testserver.LoopbackTestServer} is its main class,
 * {@link dev.rollback.temporal.testserver.TestServerProcess} starts and stops it.
 */
package dev.rollback.temporal.testserver;
