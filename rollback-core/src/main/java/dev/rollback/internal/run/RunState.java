package dev.rollback.internal.run;

import dev.rollback.RollbackPlan;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The run every handler sees: its identity, time, workspace, deadline, outputs and remembered state. */
final class RunState implements RunContext {

  private final String runId;
  private final RollbackPlan plan;
  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean dryRun;
  private final Path workspace;
  private final Instant startedAt;
  private final Redactor redactor;
  private final RunJournal journal;
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<String, String> remembered = new ConcurrentHashMap<>();
  private volatile Optional<Instant> deadline = Optional.empty();
  private Session session;

  RunState(String runId, RollbackPlan plan, Clock clock, Sleeper sleeper, boolean dryRun, Path workspace,
      Instant startedAt, Redactor redactor, RunJournal journal) {
    this.runId = runId;
    this.plan = plan;
    this.clock = clock;
    this.sleeper = sleeper;
    this.dryRun = dryRun;
    this.workspace = workspace;
    this.startedAt = startedAt;
    this.redactor = redactor;
    this.journal = journal;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public RollbackPlan plan() {
    return plan;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public Path workspace() {
    return workspace;
  }

  @Override
  public Optional<Instant> deadline() {
    return deadline;
  }

  void deadline(Optional<Instant> d) {
    deadline = d;
  }

  @Override
  public Map<String, Object> outputs() {
    synchronized (outputs) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  Object output(String name) {
    synchronized (outputs) {
      return outputs.get(name);
    }
  }

  void bind(String name, Object value) {
    synchronized (outputs) {
      outputs.put(name, value);
    }
  }

  @Override
  public Optional<String> recall(String key) {
    return Optional.ofNullable(remembered.get(key));
  }

  @Override
  public void remember(String key, String value) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(value, "value");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", key);
    f.put("value", value);
    journal.append(JournalRecords.REMEMBER, null, clock.instant(), f);
    remembered.put(key, value);
  }

  void restore(Map<String, String> state) {
    remembered.putAll(state);
  }

  @Override
  public void registerSecret(String value) {
    redactor.add(value);
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  Session session() {
    return session;
  }

  void session(Session s) {
    this.session = s;
  }

  Redactor redactor() {
    return redactor;
  }

  RunJournal journal() {
    return journal;
  }
}
