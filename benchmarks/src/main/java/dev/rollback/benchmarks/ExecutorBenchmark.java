package dev.rollback.benchmarks;

import static dev.rollback.Rollback.days;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;

import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.Phase;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executor's own cost: per no-op step, with the journal in memory, on disk without sync, and on disk synced
 * record by record (bound by the disk; {@link #fsync()} measures this machine's write-and-sync of one journal-sized
 * line beside it); and resuming an interrupted run from a journal of 10,000 records. Goals: under 20 µs a step
 * without sync; resume under 100 ms.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ExecutorBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>Every step journals two records (started, then applied), emits two events (logged at DEBUG, so not formatted),
 * resolves its parameters, and runs its handler on a worker thread under its timeout.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ExecutorBenchmark {

  static final int STEPS = 1_000;
  static final int SYNCED_STEPS = 50;
  /** Steps of the interrupted run to resume: 2 records each, so about 10,000 records. */
  static final int RESUME_STEPS = 5_000;

  private final AtomicLong ids = new AtomicLong();
  private Path dir;
  private RollbackPlan plan;
  private RollbackPlan syncedPlan;
  private RollbackPlan resumePlan;
  private RollbackExecutor unsynced;
  private RollbackExecutor synced;
  private Path interrupted;
  private FileChannel fsyncFile;
  private final ByteBuffer line = ByteBuffer.wrap(("{\"type\":\"step.started\",\"at\":\"2026-01-01T03:00:00Z\","
      + "\"key\":\"step:1.1\",\"attempt\":1,\"phase\":\"one\",\"step\":\"noop-1\"}\n").getBytes(StandardCharsets.UTF_8));

  /** Creates the benchmark; JMH calls {@link #setUp()}. */
  public ExecutorBenchmark() {}

  /**
   * Builds the plans and executors, and an interrupted run's journal of about 10,000 records.
   *
   * @throws IOException when the temporary directory cannot be written
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("executor-bench");
    plan = plan("bench", STEPS);
    syncedPlan = plan("bench synced", SYNCED_STEPS);
    resumePlan = plan("bench resume", RESUME_STEPS);
    unsynced = executor(Journal.directory(dir.resolve("unsynced")).withoutSync());
    synced = executor(Journal.directory(dir.resolve("synced")));
    // An interrupted run: the journal of a whole run, cut after the last step was applied.
    RollbackExecutor maker = executor(Journal.directory(dir.resolve("made")).withoutSync());
    RollbackReport made = maker.run(resumePlan, RunOptions.defaults().withSeverity("low").withRunId("resume"));
    check(made);
    List<String> lines = Files.readAllLines(dir.resolve("made").resolve("resume.jsonl"));
    int cut = lines.size();
    while (!lines.get(cut - 1).contains("\"type\":\"step.applied\"")) {
      cut--;
    }
    interrupted = dir.resolve("interrupted.jsonl");
    Files.write(interrupted, lines.subList(0, cut));
    fsyncFile = FileChannel.open(dir.resolve("fsync"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /** A fresh copy of the interrupted journal for each resume, and an executor to resume it. */
  @State(Scope.Thread)
  public static class Interrupted {
    RollbackExecutor resumer;

    /** Creates the state; JMH calls {@link #copy(ExecutorBenchmark)}. */
    public Interrupted() {}

    /**
     * Copies the interrupted journal.
     *
     * @param bench the benchmark, for its journal and plans
     * @throws IOException when it cannot be copied
     */
    @Setup(Level.Invocation)
    public void copy(ExecutorBenchmark bench) throws IOException {
      Path d = bench.dir.resolve("resume-" + bench.ids.incrementAndGet());
      Files.createDirectories(d);
      Files.copy(bench.interrupted, d.resolve("resume.jsonl"));
      resumer = bench.executor(Journal.directory(d).withoutSync());
    }
  }

  /**
   * Removes what the runs wrote.
   *
   * @throws IOException when it cannot be removed
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fsyncFile.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Per step: a run of 1,000 no-op steps, journal in memory (a new one each run, or it would fill the heap).
   *
   * @return the report
   */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public RollbackReport stepInMemoryJournal() {
    return check(executor(Journal.inMemory()).run(plan, options()));
  }

  /**
   * Per step: a run of 1,000 no-op steps, journal on disk, not synced.
   *
   * @return the report
   */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public RollbackReport stepUnsyncedJournal() {
    return check(unsynced.run(plan, options()));
  }

  /**
   * Per step: a run of 50 no-op steps, every record synced to the disk before what it announces.
   *
   * @return the report
   */
  @Benchmark
  @OperationsPerInvocation(SYNCED_STEPS)
  public RollbackReport stepSyncedJournal() {
    return check(synced.run(syncedPlan, options()));
  }

  /**
   * This machine's disk: write one journal-sized line and force it, as the journal does per record.
   *
   * @return the file's size
   * @throws IOException when the file cannot be written
   */
  @Benchmark
  public long fsync() throws IOException {
    line.rewind();
    fsyncFile.write(line);
    fsyncFile.force(false);
    return fsyncFile.position();
  }

  /**
   * Resumes a run interrupted after its 5,000th step, from its journal of about 10,000 records, to its end.
   *
   * @param state a fresh copy of the journal
   * @return the report
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RollbackReport resumeTenThousandRecords(Interrupted state) {
    return check(state.resumer.resume(resumePlan, "resume"));
  }

  private RunOptions options() {
    return RunOptions.defaults().withSeverity("low").withRunId("run-" + ids.incrementAndGet());
  }

  private static RollbackReport check(RollbackReport r) {
    if (r.status() != RunStatus.SUCCEEDED) {
      throw new IllegalStateException("the benchmark's run did not succeed: " + r.summary());
    }
    return r;
  }

  private RollbackExecutor executor(Journal journal) {
    return RollbackExecutor.builder().workspace(dir).journal(journal).adapter(new NoOp()).build();
  }

  private static RollbackPlan plan(String name, int steps) {
    List<Step> list = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      list.add(Step.of(NoOp.STEP, "noop-" + i, Effect.REVERSIBLE, Map.of()).timeout(Duration.ofSeconds(1)));
    }
    Phase phase = phase("all").step(list.toArray(new Step[0])).validate(Check.of(NoOp.CHECK, "ok", Map.of())
        .timeout(Duration.ofSeconds(1))).build();
    return Rollback.plan(name)
        .severity(severity("low").when(declared("bench")).rollbackWithin(days(30)).approval(discretion()))
        .procedure(procedure("p").phase(phase))
        .build();
  }

  /** An adapter whose steps do nothing, so that what is measured is the executor. */
  static final class NoOp implements Adapter {
    static final String STEP = "bench.noop";
    static final String CHECK = "bench.ok";
    private static final StepResult DONE = StepResult.of("nothing done");
    private static final CheckResult OK = CheckResult.passed("ok");

    @Override
    public String name() {
      return "bench";
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of(STEP, new StepHandler() {
        @Override
        public StepPreview preview(StepContext step) {
          return StepPreview.of("would do nothing");
        }

        @Override
        public StepResult apply(StepContext step) {
          return DONE;
        }
      });
    }

    @Override
    public Map<String, CheckEvaluator> checks() {
      CheckEvaluator ok = c -> OK;
      return Map.of(CHECK, ok);
    }
  }
}
