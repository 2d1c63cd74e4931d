package dev.rollback.docker.internal;

import dev.rollback.RollbackPlan;

/** Whether a plan uses an adapter at all: any step, check or signal of its kinds, anywhere in the plan. */
public final class PlanUsage {

  private PlanUsage() {}

  /**
   * Whether any step, check or signal of the plan (triggers, severities, assessment, checklist, procedures,
   * verification, monitoring, recoveries) has a kind with the prefix.
   *
   * <p>Looked up in the plan's canonical JSON as text, which the plan computes once: it holds every step, check and
   * signal as an object with a {@code "kind"} member, written without spaces, and escapes every quote inside a
   * string, so {@code "kind":"docker.} occurs exactly where a member {@code kind} has a value starting with
   * {@code docker.}. Parsing it into a tree instead would load Jackson's data binding into every run, Docker or
   * not.
   *
   * @param plan the plan
   * @param prefix the kinds' prefix, such as {@code docker.}; it must need no escaping in JSON (no quote,
   *     backslash or control character)
   * @return {@code true} when the plan uses one
   */
  public static boolean uses(RollbackPlan plan, String prefix) {
    return plan.canonicalJson().contains("\"kind\":\"" + prefix);
  }
}
