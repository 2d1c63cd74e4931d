/**
 * The demo of {@code ./rollback demo}: {@link dev.rollback.examples.demo.Demo} runs the P3-007 plan end to end in a
 * sandbox, against a generated repository, a simulated GitHub and, when one is reachable, a Docker engine.
 */
package dev.rollback.examples.demo;
