/**
 * GitHub for Rollback: Actions run history and reliability signals, cancelling, re-running and dispatching
 * workflows, approvals from issue comments and notifications, interpreted by the GitHub adapter on github-api.
 */
package dev.rollback.github;
