package dev.rollback.github.internal;

import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code github.dispatch}: triggers a workflow and finds the run it created.
 *
 * <p>A dispatch answers without the run's id unless GitHub supports {@code return_run_details}, so the run is found
 * by correlation: a run of the workflow, on the ref, for the event {@code workflow_dispatch}, created at or after the
 * dispatch by GitHub's clock (from its {@code Date} header), the earliest such; with a correlation input, the run
 * whose name shows the unique value the adapter sent. The dispatch time and value are remembered before the request,
 * so a resumed run finds the run instead of dispatching again.
 *
 * <p>The dispatch is sent once. When its answer is lost (a timeout, a broken connection, a 5xx) the handler looks for
 * the run it may have created and never dispatches again while that run could still appear; only when no run has
 * appeared for the whole look-up time after an earlier attempt does a later attempt dispatch anew.
 */
public final class DispatchHandler implements StepHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);

  private final Session session;

  /**
   * Creates the handler.
   *
   * @param session the adapter's session
   */
  public DispatchHandler(Session session) {
    this.session = session;
  }

  private record Sent(Instant at, String token) {
    String text() {
      return at + "|" + (token == null ? "" : token);
    }

    static Optional<Sent> parse(String s) {
      if (s == null || s.isEmpty()) {
        return Optional.empty();
      }
      String[] p = s.split("\\|", 2);
      return Optional.of(new Sent(Instant.parse(p[0]), p.length < 2 || p[1].isEmpty() ? null : p[1]));
    }
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    String workflow = GitHubContracts.WORKFLOW.optional(ctx).orElse("?");
    // A preview shows the inputs as they stand, references not known yet included.
    Object inputs = ctx.params().getOrDefault(GitHubContracts.INPUTS.name(), Map.of());
    StepPreview p = StepPreview.of("would dispatch " + workflow + " on " + ctx.params().get("ref")
        + (((Map<?, ?>) inputs).isEmpty() ? "" : " with inputs " + inputs) + " and find the run it creates")
        .withDetail("workflow", workflow).withDetail("ref", String.valueOf(ctx.params().get("ref")));
    if (!Session.unresolved(ctx).isEmpty()) {
      p = p.withWarning(String.join(", ", Session.unresolved(ctx)) + " known at run time");
    }
    return p;
  }

  @Override
  public StepResult apply(StepContext ctx) throws InterruptedException {
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    String workflow = GitHubContracts.WORKFLOW.optional(ctx).orElse(null);
    String ref = GitHubContracts.REF.optional(ctx).orElse(null);
    String key = Steps.key(ctx, "dispatch");
    Duration lookup = GitHubContracts.LOOKUP.optional(ctx).orElse(session.settings().dispatchLookup());

    Optional<Sent> earlier = ctx.run().recall(key).flatMap(Sent::parse);
    if (earlier.isPresent()) {
      Optional<RunInfo> found = lookFor(ctx, workflow, ref, earlier.get(), earlier.get().at().plus(lookup), budget);
      if (found.isPresent()) {
        return result(found.get(), workflow, ref, earlier.get(), "found the run an earlier attempt dispatched at "
            + earlier.get().at());
      }
      LOG.info("no run of {} on {} appeared within {} after the dispatch at {}; dispatching anew", workflow, ref,
          lookup, earlier.get().at());
    }

    String correlation = GitHubContracts.CORRELATION_INPUT.optional(ctx).orElse(null);
    Instant at = session.api().http().serverNow(budget).truncatedTo(ChronoUnit.SECONDS);
    String token = correlation == null ? null : "rollback-" + ctx.run().runId() + "-" + ctx.step().name()
        .replaceAll("[^A-Za-z0-9]+", "-") + "-" + at.getEpochSecond();
    Map<String, Object> inputs = new LinkedHashMap<>(GitHubContracts.INPUTS.optional(ctx).orElse(Map.of()));
    if (token != null) {
      inputs.put(correlation, token);
    }
    Sent sent = new Sent(at, token);
    ctx.run().remember(key, sent.text());
    try {
      Optional<GitHubApi.Dispatched> id = session.api().dispatch(workflow, ref, inputs,
          session.settings().dispatchRunDetails(), budget);
      session.changed();
      if (id.isPresent()) {
        RunInfo run = new RunInfo(id.get().runId(), 0, null, workflow, null, ref, null, "workflow_dispatch", "queued",
            null, 1, at, at, null, id.get().url());
        return result(run, workflow, ref, sent, "GitHub returned the run's id");
      }
    } catch (GitHubOutcomeUnknownException e) {
      session.changed();
      LOG.warn("the dispatch of {} on {} may or may not have reached GitHub ({}); looking for its run, not"
          + " dispatching again", workflow, ref, e.getMessage());
      Optional<RunInfo> found = lookFor(ctx, workflow, ref, sent, at.plus(lookup), budget);
      if (found.isPresent()) {
        return result(found.get(), workflow, ref, sent, "the dispatch's answer was lost (" + e.getMessage()
            + "); found the run it created");
      }
      throw new GitHubOutcomeUnknownException(e.status(), "the dispatch of " + workflow + " on " + ref + " at " + at
          + " may or may not have reached GitHub (" + e.getMessage() + "), and no run created after it appeared"
          + " within " + lookup.getSeconds() + "s; not dispatching again", e);
    } catch (GitHubException e) {
      ctx.run().remember(key, "");
      throw e;
    }
    Optional<RunInfo> found = lookFor(ctx, workflow, ref, sent, at.plus(lookup), budget);
    if (found.isEmpty()) {
      throw new GitHubException(0, "dispatched " + workflow + " on " + ref + " at " + at + ", but no run created"
          + " after it appeared within " + lookup.getSeconds() + "s");
    }
    return result(found.get(), workflow, ref, sent, correlation == null
        ? "the earliest workflow_dispatch run of " + workflow + " on " + ref + " created at or after the dispatch"
        : "the run whose name shows the correlation input " + correlation + "=" + token);
  }

  /** Looks for the dispatched run until it appears or {@code until} passes, polling within the budget. */
  private Optional<RunInfo> lookFor(StepContext ctx, String workflow, String ref, Sent sent, Instant until,
      Budget budget) throws InterruptedException {
    Duration interval = GitHubContracts.INTERVAL.optional(ctx).orElse(session.settings().pollInterval());
    Instant from = sent.at().minus(session.settings().correlationMargin());
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("branch", ref);
    filters.put("event", "workflow_dispatch");
    // Not `created=>=...`: GitHub's description types `created` as a plain date-time, so the range syntax its text
    // mentions is outside the contract. The newest page of dispatched runs on the ref holds the run; the creation
    // time is compared here.
    long polls = Math.max(1, Duration.between(budget.now(), until).toMillis() / Math.max(1, interval.toMillis()) + 2);
    for (long i = 0; i < polls; i++) {
      List<RunInfo> candidates = session.api().runs(workflow, filters, Session.PAGE, 1, budget, true).runs().stream()
          .filter(r -> r.createdAt() != null && !r.createdAt().isBefore(from))
          .filter(r -> sent.token() == null || contains(r.title(), sent.token()) || contains(r.name(), sent.token()))
          .sorted(Comparator.comparing(RunInfo::createdAt).thenComparingLong(RunInfo::id))
          .collect(Collectors.toList());
      if (!candidates.isEmpty()) {
        if (candidates.size() > 1 && sent.token() == null) {
          LOG.warn("{} workflow_dispatch runs of {} on {} were created since {}: {}; taking the earliest", candidates
              .size(), workflow, ref, from, candidates.stream().map(r -> Long.toString(r.id()))
              .collect(Collectors.joining(", ")));
        }
        return Optional.of(candidates.get(0));
      }
      Instant now = budget.now();
      if (!now.isBefore(until)) {
        return Optional.empty();
      }
      Duration wait = interval;
      Duration left = Duration.between(now, until);
      if (left.compareTo(wait) < 0) {
        wait = left;
      }
      if (!budget.allows(wait)) {
        return Optional.empty();
      }
      budget.sleep(wait);
    }
    return Optional.empty();
  }

  private static boolean contains(String text, String token) {
    return text != null && text.contains(token);
  }

  private static StepResult result(RunInfo run, String workflow, String ref, Sent sent, String how) {
    StepResult r = StepResult.of("dispatched " + workflow + " on " + ref + ": run " + run.id()).withValue(run.id())
        .withOutput("workflow", workflow).withOutput("ref", ref).withOutput("dispatchedAt", sent.at())
        .withEvidence("correlation", how).withEvidence("run", run.evidence());
    if (run.htmlUrl() != null) {
      r = r.withOutput("url", run.htmlUrl());
    }
    return r;
  }

  @Override
  public Probe isApplied(StepContext ctx) throws InterruptedException {
    Optional<Sent> sent = ctx.run().recall(Steps.key(ctx, "dispatch")).flatMap(Sent::parse);
    if (sent.isEmpty()) {
      return Probe.notApplied();
    }
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    String workflow = GitHubContracts.WORKFLOW.optional(ctx).orElse(null);
    String ref = GitHubContracts.REF.optional(ctx).orElse(null);
    Optional<RunInfo> found = lookFor(ctx, workflow, ref, sent.get(), budget.now(), budget);
    if (found.isPresent()) {
      return Probe.applied(result(found.get(), workflow, ref, sent.get(), "found on resume"));
    }
    Duration lookup = GitHubContracts.LOOKUP.optional(ctx).orElse(session.settings().dispatchLookup());
    if (budget.now().isBefore(sent.get().at().plus(lookup))) {
      return Probe.unknown("dispatched " + workflow + " on " + ref + " at " + sent.get().at()
          + "; GitHub has not shown its run yet, and may still");
    }
    return Probe.notApplied();
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) {
    long id = ((Number) applied.value().orElseThrow()).longValue();
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    RunInfo run = session.api().run(id, budget, false);
    if (run.completed()) {
      return StepResult.of("run " + id + " had completed (" + run.conclusion() + "); nothing to cancel");
    }
    GitHubApi.Cancel c = session.api().cancel(id, budget);
    session.changed();
    return StepResult.of(c == GitHubApi.Cancel.CANCELLED ? "cancelled the dispatched run " + id
        : "run " + id + " completed before it could be cancelled");
  }
}
