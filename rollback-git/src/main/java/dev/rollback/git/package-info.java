/**
 * Git for Rollback: steps, checks and signals over a real repository, interpreted by the Git adapter on JGit.
 *
 * <p>Step factories live in {@code GitSteps}, checks in {@code GitChecks} and signals in {@code GitSignals};
 * {@code GitAdapter.open(dir)} registers the adapter with an executor.
 */
package dev.rollback.git;
