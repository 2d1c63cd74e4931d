/**
 * Docker for Rollback: the compose test-service runner, disk usage and event signals, image tag rollback and
 * label-based cleanup, interpreted by the Docker adapter on docker-java.
 */
package dev.rollback.docker;
