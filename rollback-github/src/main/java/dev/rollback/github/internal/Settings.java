package dev.rollback.github.internal;

import dev.rollback.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * The adapter's tuning.
 *
 * @param clock the clock of calls made outside a run (approvals, notifications)
 * @param sleeper how every wait waits
 * @param sleeperGiven whether the sleeper was configured, rather than the default
 * @param requestTimeout the longest wait for one response
 * @param maxRateLimitWait the longest single wait for a rate limit
 * @param pollInterval the default interval between polls (awaiting a run, finding a dispatched run, approvals)
 * @param readAttempts how often a read is tried
 * @param retryBackoff the first wait before retrying a read
 * @param dispatchRunDetails whether a dispatch asks GitHub for the created run's id
 * @param dispatchLookup how long to look for the run a dispatch created
 * @param correlationMargin how much earlier than the dispatch (by GitHub's clock) a run may have been created and
 *     still be the dispatch's, for clock granularity
 * @param signalReuse how long signals and checks on the same runs share one read within a run
 */
public record Settings(Clock clock, Sleeper sleeper, boolean sleeperGiven, Duration requestTimeout, Duration maxRateLimitWait,
    Duration pollInterval, int readAttempts, Duration retryBackoff, boolean dispatchRunDetails, Duration dispatchLookup,
    Duration correlationMargin, Duration signalReuse) {}
