/**
 * The P3-007 runbook as code ({@link dev.rollback.examples.P3007Plan}), the plans of the JShell scripts in
 * {@code examples/jshell}, and the {@code rollback} command-line launcher in {@link dev.rollback.examples.cli}.
 */
package dev.rollback.examples;
