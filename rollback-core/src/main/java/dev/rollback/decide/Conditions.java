package dev.rollback.decide;

import dev.rollback.Condition;
import dev.rollback.Unit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates {@link Condition}s against measured signals, in three-valued (Kleene) logic.
 *
 * <pre>{@code
 * Evaluation e = Conditions.evaluate(successRate.below(0.95), EvaluationContext.of(snapshot));
 * e.truth();          // TRUE
 * e.explanation();    // "ci_success_rate = 80% < 95%"
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Comparisons</b> compare the signal's current value with the threshold, exactly: {@code above(x)} is
 *       strictly greater, so a value equal to the threshold does not breach it; {@code atLeast}/{@code atMost}
 *       include it. {@code above(baseline.plusPercent(50))} therefore does not hold at exactly 50% degradation,
 *       and {@code below(0.95)} does not hold at exactly 0.95. A signal that was not measured, or whose measurement
 *       is unknown, makes the comparison {@link Truth#UNKNOWN}, as does a baseline that cannot be resolved (a
 *       missing file, a missing key, too few samples for a median); the evaluation says which and why. Values in
 *       {@link Unit#RATIO} and {@link Unit#PERCENT} convert into each other; other differing units are unknown,
 *       except {@link Unit#NUMBER}, which stands for any unit.</li>
 *   <li><b>and / or / not</b> follow Kleene: in an and, false wins over unknown; in an or, true wins over
 *       unknown; not unknown is unknown. Parts are evaluated in order, stopping at the first that decides.</li>
 *   <li><b>{@code consecutive(n)}</b> holds when the condition holds in each of the last {@code n} samples of the
 *       signals' {@link dev.rollback.spi.Measurement#history() histories} (oldest first; the last sample is the
 *       current value; a measurement without history is one sample). Samples of several signals are matched by
 *       position from the newest. Fewer than {@code n} samples is unknown, not false, unless a sample that exists
 *       already does not breach.</li>
 *   <li><b>{@code sustainedFor(window)}</b> holds when the condition holds at every sample taken in the window
 *       ending at the snapshot's time, and the samples cover the window: a sample stands until the next one, so
 *       there must be one at or before the window's start. Without one the outcome is unknown, unless a sample
 *       already does not breach.</li>
 *   <li><b>{@code trigger(name)}</b> evaluates the plan's trigger of that name (once per batch); a name the plan
 *       lacks, or a trigger that refers to itself, is unknown.</li>
 *   <li><b>{@code declared(fact)}</b> holds when people declared the fact when starting the run, and is false
 *       otherwise (never unknown).</li>
 *   <li><b>Median baselines</b> compare a signal with the median of its own history without the sample being
 *       compared; see {@link Baselines}.</li>
 * </ul>
 *
 * <p>Evaluation is deterministic: the same conditions against the same context give equal evaluations.
 */
public final class Conditions {

  private Conditions() {}

  /**
   * Evaluates a condition.
   *
   * @param condition the condition
   * @param context the snapshot, plan, declared facts and baselines
   * @return the evaluation
   * @throws NullPointerException if an argument is null
   */
  public static Evaluation evaluate(Condition condition, EvaluationContext context) {
    Objects.requireNonNull(condition, "condition");
    return new ConditionEvaluator(Objects.requireNonNull(context, "context")).evaluate(condition);
  }

  /**
   * Evaluates several conditions against one context, reading each baseline file and evaluating each trigger once.
   *
   * @param conditions the conditions
   * @param context the snapshot, plan, declared facts and baselines
   * @return the evaluations, in the order of the conditions
   * @throws NullPointerException if an argument or a condition is null
   */
  public static List<Evaluation> evaluateAll(List<? extends Condition> conditions, EvaluationContext context) {
    ConditionEvaluator evaluator = new ConditionEvaluator(Objects.requireNonNull(context, "context"));
    List<Evaluation> out = new ArrayList<>(conditions.size());
    for (Condition c : conditions) {
      out.add(evaluator.evaluate(Objects.requireNonNull(c, "condition")));
    }
    return Collections.unmodifiableList(out);
  }
}
