/**
 * The GitHub adapter's engine: requests through github-api's connector layer with bounded rate-limit handling and
 * no unsafe retries, run history statistics, and the handlers of the {@code github.*} steps, checks and signals.
 * Not an API.
 */
package dev.rollback.github.internal;
