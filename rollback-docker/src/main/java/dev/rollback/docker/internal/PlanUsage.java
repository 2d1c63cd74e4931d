package dev.rollback.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.RollbackPlan;
import java.io.IOException;

/** Whether a plan uses an adapter at all: any step, check or signal of its kinds, anywhere in the plan. */
public final class PlanUsage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanUsage() {}

  /**
   * Whether any step, check or signal of the plan (triggers, severities, assessment, checklist, procedures,
   * verification, monitoring, recoveries) has a kind with the prefix.
   *
   * @param plan the plan
   * @param prefix the kinds' prefix, such as {@code docker.}
   * @return {@code true} when the plan uses one
   */
  public static boolean uses(RollbackPlan plan, String prefix) {
    try {
      return uses(JSON.readTree(plan.canonicalJson()), prefix);
    } catch (IOException e) {
      throw new IllegalStateException("the plan's canonical form is not JSON", e);
    }
  }

  private static boolean uses(JsonNode n, String prefix) {
    if (n.isObject()) {
      JsonNode kind = n.get("kind");
      if (kind != null && kind.isTextual() && kind.asText().startsWith(prefix)) {
        return true;
      }
    }
    if (n.isContainerNode()) {
      // An object iterates over its values, an array over its elements.
      for (JsonNode child : n) {
        if (uses(child, prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}
