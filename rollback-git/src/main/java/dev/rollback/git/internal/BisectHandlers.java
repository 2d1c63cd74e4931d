package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.Map;

/** The {@code git.bisect} step and check ({@link dev.rollback.git.GitBisect}). */
final class BisectHandlers {

  private BisectHandlers() {}

  /** The step: its value is the first bad commit; it fails on a flaky red or several candidates. */
  static final class Step implements StepHandler {
    private final Engine engine;

    Step(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) {
      Object range = ctx.params().containsKey("range") ? ctx.params().get("range")
          : ctx.params().get("good") + ".." + ctx.params().get("bad");
      if (GitContracts.BISECT.unresolved(ctx).isPresent()
          || ctx.params().containsKey("probe") && !ctx.isResolved("probe")) {
        return StepPreview.of("bisect the first-parent history " + range + " (known at run time)");
      }
      BisectRun.Spec spec = BisectRun.Spec.read(ctx);
      return StepPreview.of("bisect the first-parent history " + range + " with `" + spec.probeName() + "`")
          .withDetail("parallelism", String.valueOf(spec.parallelism()))
          .withDetail("confirmations", String.valueOf(spec.confirmations()));
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      BisectRun.Outcome o = new BisectRun(engine, ctx).run();
      if (o.flaky()) {
        throw new GitException(flaky(o));
      }
      if (o.candidates().size() != 1) {
        throw new GitException(ambiguous(o));
      }
      String culprit = o.candidates().get(0);
      StepResult r = StepResult.of(found(o)).withValue(culprit)
          .withOutput("probes", (long) o.probes()).withOutput("rounds", (long) o.rounds())
          .withOutput("suspects", (long) o.suspects()).withOutput("candidates", o.candidates())
          .withOutput("good", o.good()).withOutput("bad", o.bad()).withOutput("how", o.how());
      for (Map.Entry<String, Object> e : o.evidence().entrySet()) {
        r = r.withEvidence(e.getKey(), e.getValue());
      }
      return r;
    }
  }

  /** The check: passes with the first bad commit as its value. */
  static final class Check implements CheckEvaluator {
    private final Engine engine;

    Check(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      BisectRun.Outcome o;
      try {
        o = new BisectRun(engine, ctx).run();
      } catch (GitException e) {
        return CheckResult.failed(e.getMessage());
      }
      CheckResult r;
      if (o.flaky()) {
        r = CheckResult.failed(flaky(o)).withEvidence("flaky", true);
      } else if (o.candidates().size() != 1) {
        r = CheckResult.failed(ambiguous(o));
      } else {
        r = CheckResult.passed(found(o)).withValue(o.candidates().get(0)).withEvidence("how", o.how());
      }
      for (Map.Entry<String, Object> e : o.evidence().entrySet()) {
        r = r.withEvidence(e.getKey(), e.getValue());
      }
      return r;
    }
  }

  static String found(BisectRun.Outcome o) {
    return o.candidates().get(0) + " is the first bad commit (" + o.how() + ")";
  }

  static String flaky(BisectRun.Outcome o) {
    return "flaky, no rollback: the probe passed on the bad end " + o.bad() + " when confirming it ("
        + o.confirmations().size() + " confirmation probe" + (o.confirmations().size() == 1 ? "" : "s") + ")";
  }

  static String ambiguous(BisectRun.Outcome o) {
    return "there are only untestable (exit 125) commits left to test; the first bad commit could be any of: "
        + String.join(", ", o.candidates()) + " (" + o.how() + ")";
  }
}
