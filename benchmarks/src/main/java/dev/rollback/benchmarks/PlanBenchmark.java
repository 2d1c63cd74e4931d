package dev.rollback.benchmarks;

import dev.rollback.PlanCheck;
import dev.rollback.RollbackPlan;
import dev.rollback.Runbook;
import dev.rollback.examples.P3007Plan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The P3-007 plan: building and checking it (goal: under 50 µs), rendering it (goal: under 1 ms).
 *
 * <p>{@code check()}, {@code hash()} and {@code canonicalJson()} are memoized on a plan, so every benchmark that
 * measures them builds a fresh plan first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanBenchmark {

  private RollbackPlan built;

  /** Builds the plan the rendering benchmark renders, with its hash already computed. */
  @Setup(Level.Trial)
  public void buildOnce() {
    built = P3007Plan.plan();
    built.hash();
  }

  /**
   * Builds the plan.
   *
   * @return the plan
   */
  @Benchmark
  public RollbackPlan build() {
    return P3007Plan.plan();
  }

  /**
   * Builds the plan and checks it: the goal is under 50 µs.
   *
   * @return the result of checking
   */
  @Benchmark
  public PlanCheck buildAndCheck() {
    return P3007Plan.plan().check();
  }

  /**
   * Builds the plan and computes its hash (canonical JSON and SHA-256).
   *
   * @return the hash
   */
  @Benchmark
  public String buildAndHash() {
    return P3007Plan.plan().hash();
  }

  /**
   * Renders a built plan whose hash is known: the goal is under 1 ms.
   *
   * @return the Markdown
   */
  @Benchmark
  public String render() {
    return Runbook.markdown(built);
  }

  /**
   * Builds a plan and renders it, its hash computed on the way: everything {@code ./rollback render} does after
   * loading the plan.
   *
   * @return the Markdown
   */
  @Benchmark
  public String buildAndRender() {
    return Runbook.markdown(P3007Plan.plan());
  }
}
