package dev.rollback.internal.run;

import dev.rollback.decide.Baselines;
import dev.rollback.run.RunOptions;

/**
 * The parts of one run (or preview), wired once: each part is given only what it needs (the journal's history, the
 * events, where calls go, which adapters are unavailable...), and the stages of the pipeline and the preview use the
 * parts, not one shared mutable state. Nothing here changes after the run is wired.
 */
final class RunParts {

  final Settings cfg;
  final RunOptions options;
  final RunState run;
  final Redactor redactor;
  final History history;
  final Events events;
  final Calls calls;
  final Availability availability;
  final Baselines baselines;
  final Measurer measurer;
  final Evaluations evaluations;
  final Approvals approvals;
  final Notifications notifications;
  final Interruptions interruptions;
  final Compensation compensation;
  final Procedures procedures;

  /**
   * Wires a run.
   *
   * @param cfg the executor's settings
   * @param options the run's options
   * @param run the run handlers see
   * @param replay what the journal holds of the run before this process took it over; empty for a fresh run
   * @param redactor the run's redactor
   * @param journal where the run's records go; none for a preview
   */
  RunParts(Settings cfg, RunOptions options, RunState run, Replay replay, Redactor redactor, RunJournal journal) {
    this.cfg = cfg;
    this.options = options;
    this.run = run;
    this.redactor = redactor;
    this.history = new History(replay, journal, cfg.clock());
    this.events = new Events(cfg.listeners(), redactor);
    this.calls = new Calls(cfg.sleeper(), redactor);
    this.availability = new Availability();
    this.baselines = Baselines.forWorkspace(cfg.workspace());
    this.measurer = new Measurer(cfg.registry(), availability, run, calls, redactor);
    run.conditions(new ConditionScope(run.plan(), measurer, options.declaredFacts(), baselines));
    this.evaluations = new Evaluations(history, events, calls, cfg.registry(), availability, run, redactor);
    this.approvals = new Approvals(history, events, calls, cfg.approver(), run, redactor);
    this.notifications = new Notifications(history, events, calls, cfg.notifiers(), cfg.notificationRetry(), run,
        redactor);
    this.interruptions = new Interruptions(history, events, calls, cfg.registry(), evaluations, run, redactor);
    this.compensation = new Compensation(history, events, calls, cfg.registry(), interruptions, run, redactor);
    Preparations preparations = new Preparations(history, calls, interruptions, run);
    StepRunner steps = new StepRunner(history, events, calls, cfg.registry(), availability, approvals, interruptions,
        preparations, run, redactor);
    this.procedures = new Procedures(history, events, evaluations, steps, compensation, run.runId());
  }
}
