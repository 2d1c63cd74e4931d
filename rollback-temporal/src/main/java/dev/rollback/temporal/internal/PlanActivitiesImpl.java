package dev.rollback.temporal.internal;

import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.NotificationEvent;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.run.Approvers;
import dev.rollback.spi.AbstractRunContext;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.BoundOutputs;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.Probe;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SecretResolver;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepResult;
import dev.rollback.temporal.FleetTarget;
import dev.rollback.temporal.TargetRun;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlanActivities} through the adapters' SPI: each call loads the plan (once per worker), opens the target's
 * adapters, does its one part and closes them. An adapter's failure is the part's outcome ({@code FAILED}, with the
 * adapter's words), not a retry: Temporal retries an activity only when its worker died or stopped answering, and
 * then the step is recovered and probed before it is applied again.
 */
@SuppressWarnings("try") // a heartbeat runs for the length of a try block that does not read it
public final class PlanActivitiesImpl implements PlanActivities {

  /** Failure types that are final: a plan that cannot be loaded or differs, an adapter that refused to start. */
  public static final String[] REFUSED = {"PlanRefused", "AdapterFailed"};

  private static final Logger LOG = LoggerFactory.getLogger(PlanActivitiesImpl.class);
  private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rollback-temporal-heartbeats");
    t.setDaemon(true);
    return t;
  });

  private final Function<String, RollbackPlan> plans;
  private final Function<FleetTarget, List<Adapter>> adapters;
  private final Map<String, Notifier> notifiers;
  private final SecretResolver secrets;
  private final Map<String, RollbackPlan> loaded = new ConcurrentHashMap<>();

  /**
   * Creates the activities of a worker.
   *
   * @param plans loads a plan from its source (a script's path, a class name)
   * @param adapters opens the adapters for a target (the Git adapter on its repository, ...); closed after each call
   * @param notifiers the channels notifications go to, by name
   * @param secrets resolves the plan's secrets
   */
  public PlanActivitiesImpl(Function<String, RollbackPlan> plans, Function<FleetTarget, List<Adapter>> adapters,
      Map<String, Notifier> notifiers, SecretResolver secrets) {
    this.plans = Objects.requireNonNull(plans, "plans");
    this.adapters = Objects.requireNonNull(adapters, "adapters");
    this.notifiers = Map.copyOf(notifiers);
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public Wire.Outline outline(Wire.Call call) {
    try (Session s = open(call, true)) {
      for (Adapter a : s.adapters) {
        a.onRunStart(s.ctx);
      }
      Procedure p = s.procedure;
      List<Wire.PhaseOutline> phases = new ArrayList<>();
      for (Phase ph : p.phases()) {
        List<Wire.Item> steps = new ArrayList<>();
        for (Step st : ph.steps()) {
          long wait = 0;
          if (Steps.WAIT.equals(st.kind()) && st.params().get("duration") instanceof Duration) {
            wait = Math.max(1, ((Duration) st.params().get("duration")).toMillis());
          }
          steps.add(new Wire.Item(st.name(), st.kind(), st.effect().name(), wait));
        }
        phases.add(new Wire.PhaseOutline(ph.name(), ph.onFailure().name(), steps, items(ph.validations())));
      }
      long interval = s.plan.monitoring().map(m -> m.interval().toMillis()).orElse(60_000L);
      return new Wire.Outline(s.plan.name(), items(s.plan.readinessChecks()), phases, items(s.plan.verifications()),
          items(s.plan.healthChecks()), interval, s.ctx.outputs(), s.ctx.remembered());
    } catch (ApplicationFailure e) {
      throw e;
    } catch (Exception e) {
      throw ApplicationFailure.newNonRetryableFailure("the run could not start on " + call.run().target().name()
          + ": " + words(e, Set.of()), "AdapterFailed");
    }
  }

  private static List<Wire.Item> items(List<Check> checks) {
    List<Wire.Item> out = new ArrayList<>();
    for (Check c : checks) {
      out.add(new Wire.Item(c.name(), c.kind(), "CHECK", 0));
    }
    return out;
  }

  @Override
  public Wire.Outcome prepare(Wire.Call call) {
    try (Session s = open(call, false)) {
      try {
        for (Adapter a : s.adapters) {
          a.beforeFirstMutation(s.ctx);
        }
        return s.outcome("DONE", "ready for the first change", null, Map.of(), Map.of(), Map.of());
      } catch (Exception e) {
        return s.failed(e);
      }
    }
  }

  @Override
  public Wire.Outcome step(Wire.Call call) {
    try (Session s = open(call, false)) {
      Step step = s.procedure.phases().get(call.phase()).steps().get(call.index());
      StepHandler handler = s.steps.get(step.kind());
      if (handler == null) {
        return s.outcome("FAILED", "no adapter on this worker runs steps of kind '" + step.kind() + "' (step '"
            + step.name() + "'); start the worker with that adapter", null, Map.of(), Map.of(), Map.of());
      }
      try (Heartbeat hb = Heartbeat.start()) {
        StepContext sc = s.stepContext(step);
        if (hb.retried() && step.effect() != Effect.READ_ONLY) {
          Optional<Wire.Outcome> done = s.recoverAndProbe(step, sc, handler, hb);
          if (done.isPresent()) {
            return done.get();
          }
        }
        StepResult r = handler.apply(sc);
        return s.outcome("APPLIED", r.summary(), r.value().orElse(null), BoundOutputs.ofStep(step, r), r.outputs(),
            r.evidence());
      } catch (Exception e) {
        return s.failed(e);
      }
    }
  }

  @Override
  public Wire.Outcome check(Wire.Call call) {
    try (Session s = open(call, false)) {
      Check check = s.check(call);
      try (Heartbeat hb = Heartbeat.start()) {
        CheckResult r = s.evaluate(check);
        if (r == null) {
          return s.outcome("FAILED", "no adapter on this worker evaluates checks of kind '" + check.kind()
              + "' (check '" + check.name() + "')", null, Map.of(), Map.of(), Map.of());
        }
        return s.outcome(r.passed() ? "PASSED" : "FAILED", r.summary(), r.value().orElse(null),
            BoundOutputs.ofCheck(check, r), Map.of(), r.evidence());
      } catch (Exception e) {
        return s.failed(e);
      }
    }
  }

  @Override
  public Wire.Outcome compensate(Wire.Call call, Wire.Outcome applied) {
    try (Session s = open(call, false)) {
      Step step = s.procedure.phases().get(call.phase()).steps().get(call.index());
      StepHandler handler = s.steps.get(step.kind());
      try (Heartbeat hb = Heartbeat.start()) {
        StepContext sc = s.stepContext(step);
        if (handler == null || !handler.canCompensate(sc)) {
          return s.outcome("FAILED", "step '" + step.name() + "' (" + step.kind() + ") cannot be compensated",
              null, Map.of(), Map.of(), Map.of());
        }
        StepResult before = new StepResult(applied.summary(), Optional.ofNullable(applied.value()), applied.raw(),
            applied.evidence());
        StepResult r = handler.compensate(sc, before);
        return s.outcome("COMPENSATED", r.summary(), r.value().orElse(null), Map.of(), r.outputs(), r.evidence());
      } catch (Exception e) {
        return s.failed(e);
      }
    }
  }

  @Override
  public Wire.Outcome finish(Wire.Call call) {
    try (Session s = open(call, false)) {
      try (Heartbeat hb = Heartbeat.start()) {
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (Adapter a : s.adapters) {
          Optional<Audit> audit = a.onRunEnd(s.ctx);
          if (audit.isPresent()) {
            passed &= audit.get().passed();
            lines.add(audit.get().adapter() + " audit " + (audit.get().passed() ? "passed" : "FAILED") + ": "
                + audit.get().summary());
            evidence.put(audit.get().adapter(), audit.get().evidence());
          }
        }
        return s.outcome(passed ? "DONE" : "FAILED", lines.isEmpty() ? "no adapter audits this run"
            : String.join("; ", lines), null, Map.of(), Map.of(), evidence);
      } catch (Exception e) {
        return s.failed(e);
      }
    }
  }

  @Override
  public String notifyOutcome(Wire.Notice notice) {
    if (notifiers.isEmpty()) {
      return "no channel on the worker";
    }
    List<String> where = new ArrayList<>();
    for (Map.Entry<String, Notifier> n : notifiers.entrySet()) {
      try {
        Delivery d = n.getValue().send(new Notification(notice.run().runId(), "fleet-target",
            NotificationEvent.valueOf(notice.event()), notice.title(), notice.body(),
            Map.of("target", notice.run().target().name())));
        where.add(n.getKey() + ": " + d.location());
      } catch (Exception e) {
        // Retried by Temporal: the channels key a run's notification by run, so a second send replaces the first.
        throw ApplicationFailure.newFailure("channel " + n.getKey() + " did not take the notification: "
            + words(e, Set.of()), "NotifyFailed");
      }
    }
    return String.join(", ", where);
  }

  private Session open(Wire.Call call, boolean starting) {
    TargetRun run = call.run();
    RollbackPlan plan = loaded.computeIfAbsent(run.planSource(), source -> {
      try {
        return Objects.requireNonNull(plans.apply(source), "the plan loader returned null");
      } catch (RuntimeException e) {
        throw ApplicationFailure.newNonRetryableFailure("this worker cannot load plan '" + source + "': "
            + words(e, Set.of()), "PlanRefused");
      }
    });
    if (starting && !plan.check().problems().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("plan '" + plan.name() + "' has problems, so it is not run: "
          + plan.check().problems(), "PlanRefused");
    }
    if (!plan.hash().equals(run.planHash())) {
      throw ApplicationFailure.newNonRetryableFailure("plan '" + run.planSource() + "' on this worker has hash "
          + plan.hash().substring(0, 12) + ", the fleet was started with " + run.planHash().substring(0,
          Math.min(12, run.planHash().length())) + ": give every worker the same plan", "PlanRefused");
    }
    Procedure procedure = (run.procedure().isEmpty() ? plan.standardProcedure() : plan.procedure(run.procedure()))
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("plan '" + plan.name() + "' has no procedure"
            + (run.procedure().isEmpty() ? "" : " named '" + run.procedure() + "'") + "; it has: "
            + plan.procedures().stream().map(Procedure::name).toList(), "PlanRefused"));
    List<Adapter> opened = new ArrayList<>();
    try {
      opened.addAll(adapters.apply(run.target()));
    } catch (RuntimeException e) {
      throw ApplicationFailure.newNonRetryableFailure("the adapters for target " + run.target().name()
          + " cannot be opened: " + words(e, Set.of()), "AdapterFailed");
    }
    opened.add(Steps.adapter(call.approvedBy().isEmpty() ? Optional.empty()
        : Optional.of(Approvers.automatic(call.approvedBy(), "approved the fleet")), Sleeper.system()));
    return new Session(plan, procedure, opened, call, starting);
  }

  /** The adapters' words for a failure, secrets masked, one line. */
  static String words(Throwable e, Set<String> secrets) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        m = m.replace(s, "***");
      }
    }
    return m.strip();
  }

  /** One activity's view of the run: the plan, the target's adapters and a {@link RunContext} over the call. */
  private final class Session implements AutoCloseable {
    final RollbackPlan plan;
    final Procedure procedure;
    final List<Adapter> adapters;
    final Map<String, StepHandler> steps = new LinkedHashMap<>();
    final Map<String, CheckEvaluator> checks = new LinkedHashMap<>();
    final Ctx ctx;
    final int attempt;

    Session(RollbackPlan plan, Procedure procedure, List<Adapter> adapters, Wire.Call call, boolean starting) {
      this.plan = plan;
      this.procedure = procedure;
      this.adapters = adapters;
      for (Adapter a : adapters) {
        a.steps().forEach(steps::putIfAbsent);
        a.checks().forEach(checks::putIfAbsent);
      }
      this.attempt = Activity.getExecutionContext().getInfo().getAttempt();
      Map<String, Object> outputs = new LinkedHashMap<>(call.outputs());
      Instant startedAt = outputs.get("run.startedAt") instanceof String
          ? Instant.parse((String) outputs.get("run.startedAt")) : Instant.now();
      if (starting) {
        outputs.putAll(BoundOutputs.builtIns(call.run().runId(), startedAt, plan));
        FleetTarget t = call.run().target();
        outputs.put("target.name", t.name());
        outputs.put("target.remote", t.remote());
        outputs.put("target.repository", t.repository());
        t.values().forEach((k, v) -> outputs.put("target." + k, v));
      }
      this.ctx = new Ctx(call.run(), plan, startedAt, outputs, new LinkedHashMap<>(call.memory()));
      for (Adapter a : adapters) {
        a.secrets().forEach(ctx::registerSecret);
      }
    }

    StepContext stepContext(Step step) {
      ResolvedParams params = ResolvedParams.resolve("step '" + step.name() + "'", step.params(), name -> ctx.output(name).orElse(null),
          this::secret, false);
      return StepContext.of(ctx, step, params, attempt, step.timeout().orElse(plan.defaultTimeout()));
    }

    Check check(Wire.Call call) {
      switch (call.part()) {
        case "readiness":
          return plan.readinessChecks().get(call.index());
        case "validation":
          return procedure.phases().get(call.phase()).validations().get(call.index());
        case "verification":
          return plan.verifications().get(call.index());
        case "health":
          return plan.healthChecks().get(call.index());
        default:
          throw ApplicationFailure.newNonRetryableFailure("no checks in part '" + call.part() + "'", "PlanRefused");
      }
    }

    CheckResult evaluate(Check check) throws Exception {
      CheckEvaluator e = checks.get(check.kind());
      if (e == null) {
        return null;
      }
      ResolvedParams params = ResolvedParams.resolve("check '" + check.name() + "'", check.params(),
          name -> ctx.output(name).orElse(null), this::secret, false);
      return e.evaluate(CheckContext.of(ctx, check, params, check.timeout().orElse(plan.defaultTimeout())));
    }

    /** On a retried attempt: recover what the dead attempt left half-done, then probe; the outcome if done. */
    Optional<Wire.Outcome> recoverAndProbe(Step step, StepContext sc, StepHandler handler, Heartbeat hb)
        throws Exception {
      Wire.Mark before = hb.before().orElse(new Wire.Mark(-1, 0));
      Interruption cutOff = new Interruption(Interruption.Work.STEP, Optional.of(sc), before.pid(),
          Instant.ofEpochMilli(before.sinceMillis()));
      for (Adapter a : adapters) {
        Recovery r = a.recover(ctx, cutOff);
        if (!r.canGoOn()) {
          return Optional.of(outcome("FAILED", "attempt " + attempt + " of step '" + step.name() + "' cannot go on: "
              + r.blocked().orElse(""), null, Map.of(), Map.of(), Map.of()));
        }
      }
      if (step.appliedWhen().isPresent()) {
        CheckResult c = evaluate(step.appliedWhen().get());
        if (c != null && c.passed()) {
          return Optional.of(outcome("ALREADY_APPLIED", "found applied on attempt " + attempt + " ("
              + step.appliedWhen().get().name() + "): " + c.summary(), null, Map.of(), Map.of(), c.evidence()));
        }
      }
      Probe p = handler.isApplied(sc);
      switch (p.state()) {
        case APPLIED:
          StepResult r = p.result().orElse(StepResult.of("applied before"));
          return Optional.of(outcome("ALREADY_APPLIED", "found applied on attempt " + attempt + ": " + r.summary(),
              r.value().orElse(null), BoundOutputs.ofStep(step, r), r.outputs(), r.evidence()));
        case UNKNOWN:
          return Optional.of(outcome("FAILED", "the worker running step '" + step.name() + "' stopped, and whether it"
              + " took effect cannot be told (" + p.reason().orElse("") + "); it was not applied again: check by"
              + " hand", null, Map.of(), Map.of(), Map.of()));
        default:
          LOG.info("step '{}' of run {} was not applied by the attempt before; applying it (attempt {})",
              step.name(), ctx.runId(), attempt);
          return Optional.empty();
      }
    }

    String secret(String name) {
      try {
        String v = secrets.resolve(name).orElse(null);
        ctx.registerSecret(v);
        return v;
      } catch (Exception e) {
        return null;
      }
    }

    Wire.Outcome outcome(String status, String summary, Object value, Map<String, Object> bound,
        Map<String, Object> raw, Map<String, Object> evidence) {
      return new Wire.Outcome(status, ctx.redact(summary), value, bound, raw, evidence, ctx.remembered(), attempt);
    }

    Wire.Outcome failed(Exception e) {
      return outcome("FAILED", words(e, ctx.secrets), null, Map.of(), Map.of(), Map.of());
    }

    @Override
    public void close() {
      for (Adapter a : adapters) {
        try {
          a.close();
        } catch (RuntimeException e) {
          LOG.warn("adapter {} did not close: {}", a.name(), e.toString());
        }
      }
    }
  }

  /** The run as the adapters see it in one activity: the shared run context, with its secrets masked here. */
  private static final class Ctx extends AbstractRunContext {
    final Set<String> secrets = Collections.synchronizedSet(new LinkedHashSet<>());

    Ctx(TargetRun run, RollbackPlan plan, Instant startedAt, Map<String, Object> outputs, Map<String, String> memory) {
      super(run.runId(), plan, Clock.systemUTC(), Sleeper.system(), false, Path.of(run.target().repository()),
          startedAt, Map.of());
      bindAll(outputs);
      restore(memory);
      deadline(run.deadlineAtMillis() > 0 ? Optional.of(Instant.ofEpochMilli(run.deadlineAtMillis()))
          : Optional.empty());
    }

    @Override
    public void registerSecret(String value) {
      if (value != null && value.length() >= 4) {
        secrets.add(value);
      }
    }

    @Override
    public String redact(String text) {
      String out = text;
      for (String s : List.copyOf(secrets)) {
        out = out.replace(s, "***");
      }
      return out;
    }
  }

  /**
   * Heartbeats of one activity attempt, every 300 ms from a background thread, carrying the worker's {@link
   * Wire.Mark}; the attempt before's mark, when this one is a retry.
   */
  private static final class Heartbeat implements AutoCloseable {
    private final ScheduledFuture<?> beat;
    private final Optional<Wire.Mark> before;
    private final boolean retried;

    private Heartbeat(ScheduledFuture<?> beat, Optional<Wire.Mark> before, boolean retried) {
      this.beat = beat;
      this.before = before;
      this.retried = retried;
    }

    static Heartbeat start() {
      ActivityExecutionContext ac = Activity.getExecutionContext();
      boolean retried = ac.getInfo().getAttempt() > 1;
      Optional<Wire.Mark> before = retried ? ac.getHeartbeatDetails(Wire.Mark.class) : Optional.empty();
      Wire.Mark mine = new Wire.Mark(ProcessHandle.current().pid(), System.currentTimeMillis());
      ac.heartbeat(mine);
      ScheduledFuture<?> f = HEARTBEATS.scheduleAtFixedRate(() -> {
        try {
          ac.heartbeat(mine);
        } catch (RuntimeException e) {
          // Cancelled or the server is gone: the attempt's own result decides.
        }
      }, 300, 300, TimeUnit.MILLISECONDS);
      return new Heartbeat(f, before, retried);
    }

    boolean retried() {
      return retried;
    }

    Optional<Wire.Mark> before() {
      return before;
    }

    @Override
    public void close() {
      beat.cancel(false);
    }
  }
}
