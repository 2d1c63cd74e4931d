package dev.rollback.run;

import dev.rollback.NotificationEvent;
import dev.rollback.PlanInvalidException;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.internal.core.CoreAdapter;
import dev.rollback.internal.run.PreviewEngine;
import dev.rollback.internal.run.Registry;
import dev.rollback.internal.run.RunEngine;
import dev.rollback.internal.run.Settings;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import dev.rollback.spi.Approver;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.SecretMask;
import dev.rollback.spi.SecretResolver;
import dev.rollback.spi.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Previews, runs and resumes plans through adapters.
 *
 * <pre>{@code
 * RollbackExecutor executor = RollbackExecutor.builder()
 *     .workspace(repoDir)                                    // relative paths and commands resolve here
 *     .adapter(GitAdapter.open(repoDir))
 *     .journal(Journal.directory(repoDir.resolve(".rollback")))
 *     .approver(Approvers.console())
 *     .listener(Progress.console())
 *     .build();
 *
 * Preview preview = executor.preview(plan);                 // dry run: real reads, described writes
 * RollbackReport report = executor.run(plan, RunOptions.defaults().withSeverity("critical"));
 * RollbackReport resumed = executor.resume(plan, report.runId());   // after a crash
 * }</pre>
 *
 * <p>A run goes: the plan is refused before anything runs if {@link RollbackPlan#check()} finds problems, if a
 * kind it uses has no adapter, or if a secret it names is not set; then assess (each adapter's
 * {@code onRunStart}), decide, approve (no irreversible step runs without an approval that covers it), prepare
 * (the readiness checklist), execute the procedure phase by phase (each adapter's {@code beforeFirstMutation}
 * before its first changing step; per-step retries and timeouts; validations gate each phase; the phase's failure
 * policy on failure), verify, communicate, and audit (each adapter's {@code onRunEnd}). Every transition and every
 * step is journaled, and synced, before it happens; a lock in the journal's directory keeps two executors from
 * running one plan on one target.
 *
 * <p><b>Approvals.</b> The decided severity's policy must approve before the checklist. When it is team
 * discretion (or no severity holds and the emergency procedure is forced) and the procedure has irreversible steps
 * without an approval of their own, the executor asks for the policy of the highest severity level that runs the
 * procedure and asks people, else of the highest severity level that asks people; a plan with neither does not
 * run them. A step's own approval is asked right before the step. Waiting counts against the deadline: a request
 * expires at the policy's timeout or the deadline, whichever comes first (the policy's timeout alone once the
 * deadline has passed).
 *
 * <p><b>Time.</b> Deadlines, timings and approvals use the injected {@link Clock}, waits the injected
 * {@link Sleeper}; a {@link dev.rollback.run.ManualClock} is both, so tests never sleep. A step's timeout is
 * enforced in real time on a worker thread, which is interrupted when it runs out.
 *
 * <p>The executor owns its adapters: {@link #close()} closes them.
 */
public final class RollbackExecutor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RollbackExecutor.class);

  private final Settings settings;
  private final Journal journal;

  private RollbackExecutor(Settings settings, Journal journal) {
    this.settings = settings;
    this.journal = journal;
  }

  /**
   * Starts building an executor.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A dry run with the default options; see {@link Preview} for what it does and never does.
   *
   * @param plan the plan
   * @return the preview
   * @throws PlanInvalidException when the plan has problems
   * @throws RollbackException when a kind the plan uses has no adapter
   */
  public Preview preview(RollbackPlan plan) {
    return preview(plan, RunOptions.defaults());
  }

  /**
   * A dry run with options: a severity chosen by hand, the emergency procedure forced, declared facts.
   *
   * @param plan the plan
   * @param options the options
   * @return the preview
   * @throws PlanInvalidException when the plan has problems
   * @throws RollbackException when the options or adapters do not fit the plan
   */
  public Preview preview(RollbackPlan plan, RunOptions options) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    return PreviewEngine.preview(settings, plan, options);
  }

  /**
   * Runs a plan with the default options: the decision matrix decides.
   *
   * @param plan the plan
   * @return the report; how the run ended is its {@link RollbackReport#status() status}
   * @throws PlanInvalidException when the plan has problems; nothing ran
   * @throws RunLockedException when another run (of any plan, with any journal) works on the same repository or
   *     workspace
   * @throws JournalException when the journal cannot be written; the run stopped
   * @throws RollbackException when the adapters or secrets do not fit the plan; nothing ran
   */
  public RollbackReport run(RollbackPlan plan) {
    return run(plan, RunOptions.defaults());
  }

  /**
   * Runs a plan with options.
   *
   * @param plan the plan
   * @param options the options
   * @return the report; how the run ended is its {@link RollbackReport#status() status}
   * @throws PlanInvalidException when the plan has problems; nothing ran
   * @throws RunLockedException when another run (of any plan, with any journal) works on the same repository or
   *     workspace
   * @throws JournalException when the journal cannot be written; the run stopped
   * @throws RollbackException when the options, adapters or secrets do not fit the plan; nothing ran
   */
  public RollbackReport run(RollbackPlan plan, RunOptions options) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    return RunEngine.run(settings, plan, options);
  }

  /**
   * Carries out one of the plan's recovery strategies (forward, hybrid, full) after a rollback, as a run of its own
   * with its own journal: assess (each adapter's {@code onRunStart} and the plan's signals), approve with the
   * strategy's policy (no irreversible step runs without it), run the strategy's phases as a procedure's (each gated
   * by its validations, with the same failure policies and compensation), prove the recovery with the strategy's
   * validation, send the plan's {@link NotificationEvent#RECOVERY_COMPLETED} messages (or
   * {@link NotificationEvent#RECOVERY_FAILED}), and audit. The report's procedure is the strategy's name and its
   * verification the recovery validation. {@link #resume(RollbackPlan, String)} resumes it like any run.
   *
   * <pre>{@code
   * RollbackReport recovered = executor.recover(plan, "forward",
   *     RunOptions.defaults().withMessageValue("fixes", List.of("Pin the test image's Python version")));
   * }</pre>
   *
   * @param plan the plan
   * @param strategy the recovery strategy's name in the plan
   * @param options the options; a severity or the emergency procedure makes no sense for a recovery and is refused
   * @return the report; how the recovery ended is its {@link RollbackReport#status() status}
   * @throws PlanInvalidException when the plan has problems; nothing ran
   * @throws RunLockedException when another run (of any plan, with any journal) works on the same repository or
   *     workspace
   * @throws RollbackException when the plan has no such strategy, or the options, adapters or secrets do not fit;
   *     nothing ran
   */
  public RollbackReport recover(RollbackPlan plan, String strategy, RunOptions options) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(options, "options");
    return RunEngine.run(settings, plan, options.withRecovery(strategy));
  }

  /**
   * Resumes an interrupted run from its journal: outputs and adapters' remembered state are restored, finished
   * steps are skipped, and for a step that started but never finished, its adapter first recovers what the cut-off
   * work left half-done ({@link dev.rollback.spi.Adapter#recover}: stale locks, a half-written index; something it
   * cannot prove stale stops the run, naming the file and the command to run), then the step is probed with its
   * {@link Step#appliedWhen(Check) idempotency probe} or its adapter's
   * {@link dev.rollback.spi.StepHandler#isApplied isApplied} (applied: its outputs are taken; not applied: it runs;
   * unknown: the run stops, never guessing, and asks the operator to settle it with
   * {@link #resume(RollbackPlan, String, Settlement)}), and the run goes on. A run that had finished returns its
   * report as it was; one that stopped ({@link RunStatus#STOPPED}) goes on. A torn last line, from a crash in the
   * middle of a write, is dropped.
   *
   * @param plan the plan the run was started with
   * @param runId the run
   * @return the report of the whole run
   * @throws JournalException when there is no journal for the run, or it was written for another plan (the message
   *     names both hashes) or another workspace
   * @throws RunLockedException when another run (of any plan, with any journal) works on the same repository or
   *     workspace
   * @throws IllegalArgumentException when {@code runId} is not a run id (a path such as {@code ../x}): ids hold only
   *     letters, digits, {@code .}, {@code _} and {@code -}
   */
  public RollbackReport resume(RollbackPlan plan, String runId) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(runId, "runId");
    dev.rollback.internal.Names.runIdProblem(runId).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return RunEngine.resume(settings, plan, runId, Optional.empty());
  }

  /**
   * Resumes an interrupted run whose cut-off step no adapter could probe, with the operator's verdict on it: done
   * (it took effect; it is recorded as applied and the run goes on after it) or redo (it runs again). The
   * settlement is recorded in the journal with who gave it, when and why, and shown in the report's
   * {@link RollbackReport#interventions() interventions}. Otherwise as {@link #resume(RollbackPlan, String)}.
   *
   * <pre>{@code
   * RollbackReport r = executor.resume(plan, runId, Settlement.done("deploy", "hosts serve v41, checked by hand"));
   * }</pre>
   *
   * @param plan the plan the run was started with
   * @param runId the run
   * @param settlement the verdict on the step (or its undo) the interruption cut off
   * @return the report of the whole run
   * @throws JournalException when there is no journal for the run, or it was written for another plan or workspace
   * @throws RunLockedException when another run works on the same repository or workspace
   * @throws RollbackException when the step named is not the one waiting to be settled (the message says what is),
   *     or the run had finished; nothing is recorded then
   * @throws IllegalArgumentException when {@code runId} is not a run id
   */
  public RollbackReport resume(RollbackPlan plan, String runId, Settlement settlement) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(settlement, "settlement");
    dev.rollback.internal.Names.runIdProblem(runId).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return RunEngine.resume(settings, plan, runId, Optional.of(settlement));
  }

  /**
   * Where this executor journals runs.
   *
   * @return the journal
   */
  public Journal journal() {
    return journal;
  }

  /**
   * The workspace relative paths and commands resolve against.
   *
   * @return the absolute workspace
   */
  public Path workspace() {
    return settings.workspace();
  }

  /**
   * The names of the registered adapters, the built-in {@code core} first.
   *
   * @return adapter names
   */
  public List<String> adapters() {
    return settings.registry().adapters().stream().map(Adapter::name).collect(Collectors.toList());
  }

  /** Closes every adapter, logging those that fail to close. */
  @Override
  public void close() {
    for (Adapter a : settings.registry().adapters()) {
      try {
        a.close();
      } catch (RuntimeException e) {
        LOG.warn("adapter '{}' could not be closed: {}", a.name(), e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "RollbackExecutor[" + String.join(", ", adapters()) + " in " + settings.workspace() + ", " + journal + "]";
  }

  /** Builds a {@link RollbackExecutor}; every setting has a default but the adapters. */
  public static final class Builder {
    private final List<Adapter> adapters = new ArrayList<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
    private boolean discover;
    private Journal journal;
    private Approver approver;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private Path workspace;
    private SecretResolver secrets = SecretResolver.environment();
    private SecretMask mask;
    private RetryPolicy notificationRetry = RetryPolicy.times(3);

    private Builder() {}

    /**
     * Registers an adapter; adapters registered here come before discovered ones.
     *
     * @param adapter the adapter
     * @return this builder
     * @throws NullPointerException if {@code adapter} is null
     */
    public Builder adapter(Adapter adapter) {
      adapters.add(Objects.requireNonNull(adapter, "adapter"));
      return this;
    }

    /**
     * Also registers the adapters found through {@link java.util.ServiceLoader} ({@link AdapterProvider}), when
     * the executor is built, for the workspace; those whose name is already registered are skipped, and those
     * whose environment is missing something are left out.
     *
     * @return this builder
     */
    public Builder discoverAdapters() {
      discover = true;
      return this;
    }

    /**
     * Sets where runs are journaled; {@code <workspace>/.rollback} unless set.
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(Journal journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /**
     * Sets who approves rollbacks and confirms manual checks and steps; see {@link Approvers}. Without one, any
     * approval that asks people expires.
     *
     * @param approver the approver
     * @return this builder
     */
    public Builder approver(Approver approver) {
      this.approver = Objects.requireNonNull(approver, "approver");
      return this;
    }

    /**
     * Adds a listener of the runs' events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets the clock of deadlines, timings and approvals; the system clock unless set. A clock that is also a
     * {@link Sleeper}, such as {@link dev.rollback.run.ManualClock}, is the sleeper too unless one is set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the executor waits (retry backoff, wait steps); real sleeping unless set.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Registers the notifier of a channel the plan's messages name.
     *
     * @param channel the channel's name, as the plan's messages name it
     * @param notifier the notifier
     * @return this builder
     * @throws IllegalArgumentException if the channel already has a notifier
     */
    public Builder notifier(String channel, Notifier notifier) {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(notifier, "notifier");
      if (notifiers.containsKey(channel)) {
        throw new IllegalArgumentException("channel '" + channel + "' already has a notifier");
      }
      notifiers.put(channel, notifier);
      return this;
    }

    /**
     * Sets how often a failed send is retried; 3 attempts, 1 s then 2 s apart, unless set.
     *
     * @param retry the policy
     * @return this builder
     */
    public Builder notificationRetry(RetryPolicy retry) {
      this.notificationRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets the directory relative paths and commands resolve against, usually the repository's work tree; the
     * current directory unless set.
     *
     * @param workspace the directory
     * @return this builder
     */
    public Builder workspace(Path workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      return this;
    }

    /**
     * Sets where the values of the plan's secrets come from; environment variables unless set.
     *
     * @param secrets the resolver
     * @return this builder
     */
    public Builder secrets(SecretResolver secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /**
     * Shares a mask with the executor: its runs and previews mask what the mask holds besides what they learn
     * themselves, and add to it every secret they learn (the plan's resolved secrets, the adapters' and notifiers'
     * own, values adapters register), so that what else prints (a console, a log) can mask the same values. Add
     * values the plan's commands can see that the executor cannot know, such as a token in the environment they
     * inherit. Without one, each run and preview has a mask of its own.
     *
     * <pre>{@code
     * SecretMask mask = SecretMask.of(System.getenv("GITHUB_TOKEN"));
     * System.setErr(new PrintStream(mask.filter(new FileOutputStream(FileDescriptor.err)), true, UTF_8));
     * RollbackExecutor executor = RollbackExecutor.builder().secretMask(mask)...build();
     * }</pre>
     *
     * @param mask the mask
     * @return this builder
     */
    public Builder secretMask(SecretMask mask) {
      this.mask = Objects.requireNonNull(mask, "mask");
      return this;
    }

    /**
     * Builds the executor; the built-in {@code core} adapter (commands, confirmations, waits, conditions) is
     * always registered first.
     *
     * @return the executor
     * @throws IllegalArgumentException when two adapters share a name or a kind
     */
    public RollbackExecutor build() {
      Path ws = absolute(workspace == null ? Path.of("") : workspace);
      Sleeper sl = sleeper != null ? sleeper : clock instanceof Sleeper ? (Sleeper) clock : Sleeper.system();
      List<Adapter> all = new ArrayList<>();
      all.add(new CoreAdapter(Optional.ofNullable(approver), sl));
      all.addAll(adapters);
      if (discover) {
        all.addAll(discovered(ws, all));
      }
      Journal j = journal != null ? journal : Journal.directory(ws.resolve(".rollback"));
      Settings s = new Settings(new Registry(all), j.store(), Optional.ofNullable(approver), listeners, clock, sl,
          notifiers, notificationRetry, ws, secrets, Optional.ofNullable(mask));
      return new RollbackExecutor(s, j);
    }

    private static Path absolute(Path p) {
      Path abs = p.toAbsolutePath().normalize();
      try {
        return Files.exists(abs) ? abs.toRealPath() : abs;
      } catch (IOException e) {
        return abs;
      }
    }

    private static List<Adapter> discovered(Path ws, List<Adapter> registered) {
      List<Adapter> out = new ArrayList<>();
      List<String> taken = registered.stream().map(Adapter::name).collect(Collectors.toList());
      for (AdapterProvider p : ServiceLoader.load(AdapterProvider.class)) {
        if (taken.contains(p.name())) {
          continue;
        }
        try {
          Optional<Adapter> a = p.create(ws);
          if (a.isPresent()) {
            out.add(a.get());
            taken.add(p.name());
          } else {
            LOG.info("adapter '{}' is not available in {}", p.name(), ws);
          }
        } catch (Exception e) {
          LOG.warn("adapter '{}' could not be created for {}: {}", p.name(), ws, e.toString());
        }
      }
      return out;
    }
  }
}
