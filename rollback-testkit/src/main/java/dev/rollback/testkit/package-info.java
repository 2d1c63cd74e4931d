/**
 * Test support for teams testing their own plans: a stateful fake of the GitHub REST API whose every request and
 * response is checked against GitHub's own OpenAPI description.
 */
package dev.rollback.testkit;
