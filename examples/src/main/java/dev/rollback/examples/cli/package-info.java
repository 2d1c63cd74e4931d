/**
 * The {@code rollback} command line: {@link dev.rollback.examples.cli.RollbackCli} dispatches to one
 * {@link dev.rollback.examples.cli.Verb} per command, and {@link dev.rollback.examples.cli.PlanSource} loads the
 * plan a command names, evaluating JShell scripts with {@link dev.rollback.examples.cli.PlanScript}.
 */
package dev.rollback.examples.cli;
