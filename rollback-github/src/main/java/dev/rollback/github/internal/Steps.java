package dev.rollback.github.internal;

import dev.rollback.spi.StepContext;

/**
 * What the step handlers share: keys for {@code remember}, markers. Parameters are read through
 * {@link GitHubContracts}.
 */
final class Steps {

  private Steps() {}

  /** The key under which a step remembers state for resume: {@code github.<what>.<step name>}. */
  static String key(StepContext ctx, String what) {
    return "github." + what + "." + ctx.step().name();
  }

  /** A hidden marker for bodies the adapter posts, so a resumed run can find what it posted. */
  static String marker(StepContext ctx) {
    return "<!-- rollback run=" + ctx.run().runId() + " step=" + ctx.step().name().replace("--", "- -") + " -->";
  }
}
