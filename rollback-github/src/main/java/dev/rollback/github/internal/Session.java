package dev.rollback.github.internal;

import dev.rollback.spi.CallContext;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.Unresolved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every handler of one adapter shares: the repository's calls, the settings, and the run histories read in the
 * current run, so that the signals and checks of one assessment read each history once.
 */
public final class Session {

  /** How many runs a signal or check reads: one page, the largest GitHub serves. */
  public static final int PAGE = GitHubApi.MAX_PAGE;

  private final GitHubApi api;
  private final Settings settings;
  private final String owner;
  private final Map<String, Read> reads = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Read> eldest) {
      return size() > 64;
    }
  };
  private final AtomicLong changes = new AtomicLong();

  private record Read(long generation, Instant at, List<RunInfo> runs, int total) {}

  /**
   * Creates the session.
   *
   * @param api the repository's calls
   * @param settings the settings
   * @param owner the repository's owner
   */
  public Session(GitHubApi api, Settings settings, String owner) {
    this.api = api;
    this.settings = settings;
    this.owner = owner;
  }

  /**
   * The repository's calls.
   *
   * @return the calls
   */
  public GitHubApi api() {
    return api;
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * The repository's owner.
   *
   * @return the owner
   */
  public String owner() {
    return owner;
  }

  /**
   * The budget of a call within a run: the run's clock, the adapter's sleeper (or the run's clock when it is a
   * sleeper and none was configured: the run context offers no sleeper of its own), and the earlier of the run's
   * deadline and the call's own timeout.
   *
   * @param run the run
   * @param timeout the call's timeout, or null
   * @return the budget
   */
  public Budget budget(RunContext run, Duration timeout) {
    Optional<Instant> deadline = run.deadline();
    if (timeout != null) {
      Instant end = run.clock().instant().plus(timeout);
      deadline = Optional.of(deadline.map(d -> d.isBefore(end) ? d : end).orElse(end));
    }
    Sleeper sleeper = settings.sleeperGiven() ? settings.sleeper() : run.sleeper();
    return new Budget(run.clock(), sleeper, deadline, settings.maxRateLimitWait());
  }

  /**
   * The budget of a call outside a run, such as an approval until its expiry.
   *
   * @param deadline the deadline, or null for none
   * @return the budget
   */
  public Budget budget(Instant deadline) {
    return new Budget(settings.clock(), settings.sleeper(), Optional.ofNullable(deadline),
        settings.maxRateLimitWait());
  }

  /**
   * The API path of a run.
   *
   * @param id the run's id
   * @return {@code /repos/{owner}/{repo}/actions/runs/{id}}
   */
  public String runPath(long id) {
    return api.repoPath() + "/actions/runs/" + id;
  }

  /** Notes that the adapter changed something on GitHub, so histories read before are read again. */
  public void changed() {
    changes.incrementAndGet();
  }

  /**
   * The newest runs matching a query, newest first: one page of up to 100 runs (more pages only when more runs are
   * asked for), shared with the other signals and checks of the same run for {@link Settings#signalReuse()} and
   * until the adapter changes something; read conditionally, so an unchanged history costs a 304.
   *
   * @param run the run
   * @param q the query
   * @param count how many runs are needed
   * @param budget the budget
   * @return the runs, newest first, at most {@code max(count, 100)}
   */
  public List<RunInfo> recent(RunContext run, RunQuery q, int count, Budget budget) {
    int wanted = Math.max(count, PAGE);
    String key = run.runId() + "|" + q.key();
    Instant now = budget.now();
    List<RunInfo> runs = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    Instant readAt = now;
    synchronized (reads) {
      Read r = reads.get(key);
      if (r != null && r.generation == changes.get() && !now.isAfter(r.at.plus(settings.signalReuse()))) {
        if (r.runs.size() >= wanted || r.runs.size() >= r.total) {
          return r.runs;
        }
        if (r.runs.size() % PAGE == 0) {
          // Fresh but too short: read on from the next page.
          runs.addAll(r.runs);
          total = r.total;
          readAt = r.at;
        }
      }
    }
    for (int page = runs.size() / PAGE + 1; runs.size() < wanted && runs.size() < total; page++) {
      GitHubApi.Page p = api.runs(q.workflow(), q.filters(), PAGE, page, budget, true);
      total = p.total();
      runs.addAll(p.runs());
      if (p.runs().size() < PAGE) {
        total = runs.size();
        break;
      }
    }
    synchronized (reads) {
      reads.put(key, new Read(changes.get(), readAt, List.copyOf(runs), total));
    }
    return runs;
  }

  /**
   * The parameters of a call that are not known yet (a reference to an output of a step that has not run).
   *
   * @param call the call
   * @return their names
   */
  public static List<String> unresolved(CallContext call) {
    List<String> out = new ArrayList<>();
    call.params().forEach((k, v) -> {
      if (v instanceof Unresolved || !call.isResolved(k)) {
        out.add(k);
      }
    });
    return out;
  }
}
