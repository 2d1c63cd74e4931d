package dev.rollback.monitor;

import dev.rollback.Baseline;
import dev.rollback.Condition;
import dev.rollback.Monitoring;
import dev.rollback.MonitoringRule;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.Threshold;
import dev.rollback.Trigger;
import dev.rollback.decide.Baselines;
import dev.rollback.decide.Conditions;
import dev.rollback.decide.Evaluation;
import dev.rollback.decide.EvaluationContext;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import dev.rollback.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a plan's {@link Monitoring} after a rollback: every interval over the period it measures each signal
 * once, evaluates every rule, and sends an {@link Alert} to the sinks when a rule starts to hold.
 *
 * <pre>{@code
 * ManualClock time = ManualClock.at(Instant.parse("2026-01-01T03:00:00Z"));
 * Monitor monitor = Monitor.forPlan(plan)
 *     .measure(signal -> measureSomehow(signal))
 *     .clock(time).sleeper(time)                   // 24 hours at 5-minute intervals run instantly
 *     .baselines(Baselines.forWorkspace(repoDir))
 *     .sink(alert -> notify(alert.message()))
 *     .build();
 * MonitorReport report = monitor.run();            // blocks until the end of the period, or cancel()
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Schedule.</b> The rules are evaluated one interval after {@link #run()} starts, then every interval, the
 *       last time at the end of the period: a 24-hour period at 5-minute intervals evaluates 288 times. When
 *       measuring takes longer than an interval, the intervals missed are skipped, not run in a burst.</li>
 *   <li><b>History.</b> The monitor keeps each signal's values across intervals and hands them to the conditions
 *       as the measurement's {@link Measurement#history() history} (replacing any history the source gave), so
 *       {@code consecutive(3)} means three consecutive intervals and median baselines use the values seen while
 *       monitoring. An unknown measurement breaks the sequence: that signal's history starts again.</li>
 *   <li><b>Alerts.</b> A rule alerts when it starts to hold, not again at each interval while it keeps holding; it
 *       alerts again after it has been false at an interval. An unknown interval neither alerts nor re-arms; the
 *       {@link MonitorReport} counts unknown intervals per rule.</li>
 *   <li><b>Failures.</b> A measuring function that throws makes that signal unknown at that interval; a sink that
 *       throws is logged and the other sinks still get the alert.</li>
 *   <li><b>Stopping.</b> {@link #run()} returns at the end of the period, or soon after {@link #cancel()} (a sleep
 *       in progress is interrupted), or when the running thread is interrupted.</li>
 * </ul>
 *
 * <p>A monitor runs once; {@link #cancel()} may be called from any thread, a sink included.
 */
public final class Monitor {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  private static final int MAX_HISTORY = 100_000;

  private final Monitoring monitoring;
  private final RollbackPlan plan;
  private final Function<Signal, Measurement> measure;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Baselines baselines;
  private final Set<String> declaredFacts;
  private final List<Consumer<Alert>> sinks;
  private final Object lock = new Object();
  private volatile boolean cancelled;
  private boolean started;
  private Thread sleeping;

  private Monitor(Builder b) {
    this.monitoring = b.monitoring;
    this.plan = b.plan;
    this.measure = Objects.requireNonNull(b.measure, "measure: say how to measure a signal with measure(..)");
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.baselines = b.baselines;
    this.declaredFacts = Set.copyOf(b.declaredFacts);
    this.sinks = List.copyOf(b.sinks);
  }

  /**
   * A builder for a monitoring without a plan: rules that refer to triggers are unknown.
   *
   * @param monitoring what to watch
   * @return the builder
   * @throws NullPointerException if the monitoring is null
   */
  public static Builder builder(Monitoring monitoring) {
    return new Builder(Objects.requireNonNull(monitoring, "monitoring"), null);
  }

  /**
   * A builder for a plan's monitoring; rules may refer to the plan's triggers.
   *
   * @param plan the plan
   * @return the builder
   * @throws NullPointerException if the plan is null
   * @throws IllegalArgumentException if the plan has no monitoring
   */
  public static Builder forPlan(RollbackPlan plan) {
    Objects.requireNonNull(plan, "plan");
    Monitoring m = plan.monitoring().orElseThrow(() -> new IllegalArgumentException(
        "plan '" + plan.name() + "' has no monitoring to run"));
    return new Builder(m, plan);
  }

  /**
   * Watches for the monitoring's period, blocking the calling thread; with a {@code ManualClock} as clock and
   * sleeper, it runs instantly.
   *
   * @return what was seen
   * @throws IllegalStateException if the monitor already ran or is running
   * @throws IllegalArgumentException if the interval or period is not positive
   */
  public MonitorReport run() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("a monitor runs once; build another one");
      }
      started = true;
    }
    Duration interval = monitoring.interval();
    Duration period = monitoring.period();
    if (interval.isNegative() || interval.isZero() || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("monitoring interval and period must be positive, were " + interval
          + " and " + period);
    }
    Instant start = clock.instant();
    Instant end = start.plus(period);
    Set<Signal> signals = signals();
    Map<Signal, ArrayDeque<Sample>> history = new LinkedHashMap<>();
    int capacity = historyNeeded(interval);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (MonitoringRule r : monitoring.rules()) {
      tallies.put(r.name(), new Tally(r));
    }
    List<Alert> alerts = new ArrayList<>();
    EvaluationContext base = EvaluationContext.withOptionalPlan(Optional.ofNullable(plan), Snapshot.empty(start), declaredFacts, baselines);
    LOG.info("monitoring {} rules every {} for {}", monitoring.rules().size(), interval, period);
    int ticks = 0;
    Instant due = start.plus(interval);
    while (!cancelled && !due.isAfter(end)) {
      if (!sleepUntil(due)) {
        break;
      }
      Instant now = clock.instant();
      Snapshot snapshot = measure(signals, history, capacity, now);
      EvaluationContext context = base.withSnapshot(snapshot);
      ticks++;
      for (MonitoringRule rule : monitoring.rules()) {
        Evaluation e = Conditions.evaluate(rule.condition(), context);
        Tally t = tallies.get(rule.name());
        if (t.record(e)) {
          Alert alert = new Alert(rule, e, now);
          alerts.add(alert);
          LOG.info("alert {}: {}", rule.name(), alert.message());
          send(alert);
        }
      }
      Instant after = clock.instant();
      due = due.plus(interval);
      if (!due.isAfter(after)) {
        long missed = Duration.between(due, after).dividedBy(interval) + 1;
        LOG.warn("monitoring fell {} intervals behind; skipping them", missed);
        due = due.plus(interval.multipliedBy(missed));
      }
    }
    Map<String, MonitorReport.RuleRecord> records = new LinkedHashMap<>();
    tallies.forEach((name, t) -> records.put(name, t.toRecord()));
    Instant endedAt = clock.instant();
    LOG.info("monitoring ended after {} intervals{}, {} alerts", ticks, cancelled ? " (cancelled)" : "",
        alerts.size());
    return new MonitorReport(start, endedAt, ticks, cancelled, alerts, records);
  }

  /**
   * Stops monitoring soon: at once if it is waiting for the next interval, else after the current one.
   */
  public void cancel() {
    synchronized (lock) {
      cancelled = true;
      if (sleeping != null) {
        sleeping.interrupt();
      }
    }
  }

  /**
   * Whether {@link #cancel()} was called.
   *
   * @return {@code true} once cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Sleeps until the instant; false when cancelled or interrupted meanwhile. */
  private boolean sleepUntil(Instant due) {
    Duration wait = Duration.between(clock.instant(), due);
    if (wait.isNegative() || wait.isZero()) {
      return !cancelled;
    }
    synchronized (lock) {
      if (cancelled) {
        return false;
      }
      sleeping = Thread.currentThread();
    }
    boolean interruptedByOthers = false;
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      if (!cancelled) {
        interruptedByOthers = true;
        cancelled = true;
      }
    } finally {
      synchronized (lock) {
        sleeping = null;
      }
    }
    if (cancelled) {
      // Clear the interrupt cancel() may have sent; keep one that came from elsewhere for the caller.
      Thread.interrupted();
      if (interruptedByOthers) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    return true;
  }

  private Snapshot measure(Set<Signal> signals, Map<Signal, ArrayDeque<Sample>> history, int capacity,
      Instant now) {
    Map<Signal, Measurement> measured = new LinkedHashMap<>();
    for (Signal s : signals) {
      Measurement m;
      try {
        m = Objects.requireNonNull(measure.apply(s), "the measuring function returned null");
      } catch (RuntimeException e) {
        LOG.warn("measuring {} failed: {}", s.displayName(), e.getMessage());
        m = Measurement.unknown(s.unit(), "measuring failed: " + e.getMessage());
      }
      ArrayDeque<Sample> past = history.computeIfAbsent(s, x -> new ArrayDeque<>());
      if (m.isKnown()) {
        if (past.size() == capacity) {
          past.removeFirst();
        }
        past.addLast(new Sample(now, m.value().getAsDouble()));
      } else {
        past.clear();
      }
      measured.put(s, new Measurement(m.value(), m.unit(), m.summary(), new ArrayList<>(past), m.evidence()));
    }
    return Snapshot.of(measured, now);
  }

  /** The metrics and every signal the rules measure, triggers followed, each once. */
  private Set<Signal> signals() {
    Set<Signal> out = new LinkedHashSet<>(monitoring.metrics());
    for (MonitoringRule r : monitoring.rules()) {
      out.addAll(plan == null ? r.condition().signals() : Snapshot.signalsOf(plan, r.condition()));
    }
    return out;
  }

  /** How many past samples the rules can look at, so that history stays bounded. */
  private int historyNeeded(Duration interval) {
    int needed = 1;
    for (MonitoringRule r : monitoring.rules()) {
      needed = Math.max(needed, depth(r.condition(), interval, new HashSet<>()));
    }
    return Math.min(needed, MAX_HISTORY);
  }

  private int depth(Condition c, Duration interval, Set<String> seen) {
    if (c instanceof Condition.Comparison) {
      Threshold t = ((Condition.Comparison) c).threshold();
      if (t instanceof Threshold.Relative && ((Threshold.Relative) t).baseline() instanceof Baseline.Median) {
        return saturated(((Baseline.Median) ((Threshold.Relative) t).baseline()).samples() + 1L);
      }
      return 1;
    }
    if (c instanceof Condition.AllOf || c instanceof Condition.AnyOf) {
      List<Condition> parts = c instanceof Condition.AllOf ? ((Condition.AllOf) c).conditions()
          : ((Condition.AnyOf) c).conditions();
      int max = 1;
      for (Condition p : parts) {
        max = Math.max(max, depth(p, interval, seen));
      }
      return max;
    }
    if (c instanceof Condition.Not) {
      return depth(((Condition.Not) c).condition(), interval, seen);
    }
    if (c instanceof Condition.Consecutive) {
      Condition.Consecutive x = (Condition.Consecutive) c;
      return saturated((long) depth(x.condition(), interval, seen) + Math.max(0, x.times() - 1));
    }
    if (c instanceof Condition.Sustained) {
      Condition.Sustained x = (Condition.Sustained) c;
      long span = x.window().toNanos() / Math.max(1, interval.toNanos()) + 2;
      return saturated(span + depth(x.condition(), interval, seen));
    }
    if (c instanceof Condition.TriggerRef && plan != null) {
      String name = ((Condition.TriggerRef) c).name();
      if (seen.add(name)) {
        Optional<Trigger> t = plan.trigger(name);
        if (t.isPresent()) {
          return depth(t.get().condition(), interval, seen);
        }
      }
    }
    return 1;
  }

  private static int saturated(long n) {
    return (int) Math.min(MAX_HISTORY, n);
  }

  private void send(Alert alert) {
    for (Consumer<Alert> sink : sinks) {
      try {
        sink.accept(alert);
      } catch (RuntimeException e) {
        LOG.warn("an alert sink failed for rule {}: {}", alert.rule().name(), e.toString());
      }
    }
  }

  /** A rule's counts, and whether it is armed to alert. */
  private static final class Tally {
    private final MonitoringRule rule;
    private int held;
    private int clear;
    private int unknown;
    private int alerts;
    private boolean armed = true;
    private Evaluation last;

    Tally(MonitoringRule rule) {
      this.rule = rule;
    }

    /** Records an evaluation; true when it raises an alert. */
    boolean record(Evaluation e) {
      last = e;
      switch (e.truth()) {
        case TRUE:
          held++;
          if (armed) {
            armed = false;
            alerts++;
            return true;
          }
          return false;
        case FALSE:
          clear++;
          armed = true;
          return false;
        default:
          unknown++;
          return false;
      }
    }

    MonitorReport.RuleRecord toRecord() {
      return new MonitorReport.RuleRecord(rule, held, clear, unknown, alerts, Optional.ofNullable(last));
    }
  }

  /** Builds a {@link Monitor}. */
  public static final class Builder {
    private final Monitoring monitoring;
    private final RollbackPlan plan;
    private Function<Signal, Measurement> measure;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Baselines baselines = Baselines.withoutWorkspace();
    private Set<String> declaredFacts = Set.of();
    private final List<Consumer<Alert>> sinks = new ArrayList<>();

    private Builder(Monitoring monitoring, RollbackPlan plan) {
      this.monitoring = monitoring;
      this.plan = plan;
    }

    /**
     * Sets how a signal is measured at each interval; required. The executor passes its adapters' signal sources.
     *
     * @param measure from a signal to its measurement; may throw, which makes the signal unknown at that interval
     * @return this builder
     * @throws NullPointerException if the function is null
     */
    public Builder measure(Function<Signal, Measurement> measure) {
      this.measure = Objects.requireNonNull(measure, "measure");
      return this;
    }

    /**
     * Sets the clock; the system UTC clock unless set.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if the clock is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how to wait for the next interval; {@link Sleeper#system()} unless set.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if the sleeper is null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets how baselines resolve; without it, file baselines are unknown.
     *
     * @param baselines the baselines
     * @return this builder
     * @throws NullPointerException if the baselines are null
     */
    public Builder baselines(Baselines baselines) {
      this.baselines = Objects.requireNonNull(baselines, "baselines");
      return this;
    }

    /**
     * Sets the facts people declared, for rules over {@link Condition#declared(String)}.
     *
     * @param facts the facts' names
     * @return this builder
     * @throws NullPointerException if the set or a fact is null
     */
    public Builder declaredFacts(Set<String> facts) {
      this.declaredFacts = Set.copyOf(facts);
      return this;
    }

    /**
     * Adds a sink that receives every alert, in order, on the monitoring thread.
     *
     * @param sink the sink
     * @return this builder
     * @throws NullPointerException if the sink is null
     */
    public Builder sink(Consumer<Alert> sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     * @throws NullPointerException if no measuring function was set
     */
    public Monitor build() {
      return new Monitor(this);
    }
  }
}
