/**
 * The Docker adapter's engine: locating and talking to the engine through docker-java, the compose file parser
 * and runner, build contexts, disk usage and events, tags, and the step handlers, check evaluators and signal
 * sources the adapter registers. Not an API: it changes without notice.
 */
package dev.rollback.docker.internal;
