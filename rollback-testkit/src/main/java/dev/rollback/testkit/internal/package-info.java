/**
 * The fake GitHub's engine: HTTP routing, the repositories' state, and responses built from the examples of GitHub's
 * own OpenAPI description. Not an API; it may change at any time.
 */
package dev.rollback.testkit.internal;
