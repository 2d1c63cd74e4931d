package dev.rollback.internal.run;

import dev.rollback.RollbackPlan;
import dev.rollback.spi.AbstractRunContext;
import dev.rollback.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run every handler sees, the executor's {@link AbstractRunContext}: what adapters remember goes to the journal
 * before it is kept, secrets they register are masked from then on, and {@code core.condition} checks find the
 * run's conditions here.
 */
final class RunState extends AbstractRunContext {

  private final Redactor redactor;
  private final RunJournal journal;
  private volatile ConditionScope conditions;

  /**
   * Creates the run.
   *
   * @param remembered what adapters remembered before, restored from the journal on resume
   */
  RunState(String runId, RollbackPlan plan, Clock clock, Sleeper sleeper, boolean dryRun, Path workspace,
      Instant startedAt, Map<String, String> secrets, Map<String, String> remembered, Redactor redactor,
      RunJournal journal) {
    super(runId, plan, clock, sleeper, dryRun, workspace, startedAt, secrets);
    this.redactor = redactor;
    this.journal = journal;
    restore(remembered);
  }

  @Override
  protected void persist(String key, String value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", key);
    f.put("value", value);
    journal.append(JournalRecords.REMEMBER, null, clock().instant(), f);
  }

  @Override
  public void registerSecret(String value) {
    redactor.add(value);
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }

  /** What {@code core.condition} checks evaluate their conditions with; null until the run set it. */
  ConditionScope conditions() {
    return conditions;
  }

  void conditions(ConditionScope scope) {
    this.conditions = scope;
  }
}
