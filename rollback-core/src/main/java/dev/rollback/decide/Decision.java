package dev.rollback.decide;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Response;
import dev.rollback.SeverityLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the decision matrix decided: the severity level that holds (the highest whose condition is true), the
 * response it calls for with its deadline counted from detection, who must approve, and the evaluations that led
 * there, explained for the people who approve.
 *
 * <pre>{@code
 * Decision d = DecisionMatrix.decide(plan, snapshot, Set.of(), detectedAt, baselines);
 * d.severityName();      // Optional[critical]
 * d.deadline();          // Optional[detectedAt + 1 hour]
 * d.explanation();       // critical: trigger ci-broken: ci_success_rate = 0% <= 0%
 *                        // -> Rollback within 1 hour, by 2026-01-01T04:00:00Z; approval: Single maintainer
 * }</pre>
 *
 * <p>Unknown is never silently ignored: a level above the chosen one whose condition could not be evaluated is in
 * {@link #unknownLevels()}, {@link #hasUnknownAbove()} is true, and the explanation names it with the reason. When no
 * level holds, {@link #severity()} is empty and the explanation gives each level's values. An immutable value.
 */
public final class Decision {

  /**
   * A severity level and the evaluation of its condition.
   *
   * @param level the level
   * @param evaluation its condition's evaluation
   */
  public record LevelEvaluation(SeverityLevel level, Evaluation evaluation) {
    /**
     * Creates a level's evaluation.
     *
     * @param level the level
     * @param evaluation its condition's evaluation
     * @throws NullPointerException if an argument is null
     */
    public LevelEvaluation {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(evaluation, "evaluation");
    }

    /**
     * The level's name followed by the evaluation's explanation, such as
     * {@code critical: trigger ci-broken: ci_success_rate = 0% <= 0%}.
     *
     * @return the line
     */
    public String describe() {
      return level.name() + ": " + evaluation.explanation();
    }
  }

  private final SeverityLevel severity;
  private final Instant detectedAt;
  private final List<LevelEvaluation> evaluations;
  private volatile String explanation;

  Decision(SeverityLevel severity, Instant detectedAt, List<LevelEvaluation> evaluations) {
    this.severity = severity;
    this.detectedAt = Objects.requireNonNull(detectedAt, "detectedAt");
    this.evaluations = Collections.unmodifiableList(new ArrayList<>(evaluations));
  }

  /**
   * The severity level that holds: the highest whose condition is true.
   *
   * @return the level; empty when no level's condition is true
   */
  public Optional<SeverityLevel> severity() {
    return Optional.ofNullable(severity);
  }

  /**
   * The name of the severity level that holds.
   *
   * @return the name, such as {@code critical}; empty when no level holds
   */
  public Optional<String> severityName() {
    return severity == null ? Optional.empty() : Optional.of(severity.name());
  }

  /**
   * Whether no level's condition is true: nothing to do, or nothing known enough to act on (see
   * {@link #unknownLevels()}).
   *
   * @return {@code true} when {@link #severity()} is empty
   */
  public boolean isNone() {
    return severity == null;
  }

  /**
   * The response the level calls for.
   *
   * @return the response; empty when no level holds
   */
  public Optional<Response> response() {
    return severity == null ? Optional.empty() : Optional.of(severity.response());
  }

  /**
   * Whether the decision calls for a rollback (possibly as an alternative to fixing forward).
   *
   * @return {@code true} when a level holds whose response {@link Response#rollsBack() rolls back}
   */
  public boolean rollsBack() {
    return severity != null && severity.response().rollsBack();
  }

  /**
   * When the response is due: detection time plus the response's deadline.
   *
   * @return the deadline; empty when no level holds or the response has no deadline (fix forward)
   */
  public Optional<Instant> deadline() {
    return severity == null ? Optional.empty() : severity.response().deadline().map(detectedAt::plus);
  }

  /**
   * When the problem was detected; deadlines count from here.
   *
   * @return the instant
   */
  public Instant detectedAt() {
    return detectedAt;
  }

  /**
   * Who must approve the rollback.
   *
   * @return the level's approval policy; empty when no level holds
   */
  public Optional<ApprovalPolicy> approval() {
    return severity == null ? Optional.empty() : Optional.of(severity.approval());
  }

  /**
   * The evaluation of the chosen level's condition: the values that led there.
   *
   * @return the evaluation; empty when no level holds
   */
  public Optional<Evaluation> evaluation() {
    return severity == null ? Optional.empty() : Optional.of(evaluations.get(evaluations.size() - 1).evaluation());
  }

  /**
   * The levels evaluated, highest first: every level above the chosen one, then the chosen one; every level when
   * none holds. Levels below the chosen one do not matter and are not evaluated.
   *
   * @return the evaluations
   */
  public List<LevelEvaluation> evaluations() {
    return evaluations;
  }

  /**
   * The levels whose condition could not be evaluated (missing data), highest first; each evaluation's
   * {@link Evaluation#unknowns()} says which signal or baseline was missing and why.
   *
   * @return the unknown levels
   */
  public List<LevelEvaluation> unknownLevels() {
    List<LevelEvaluation> out = new ArrayList<>();
    for (LevelEvaluation e : evaluations) {
      if (e.evaluation().isUnknown()) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Whether a level above the chosen one could not be evaluated, so that the situation may be more severe than
   * decided. When no level holds, whether any level could not be evaluated.
   *
   * @return {@code true} when some evaluated level is unknown
   */
  public boolean hasUnknownAbove() {
    for (LevelEvaluation e : evaluations) {
      if (e.evaluation().isUnknown()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The decision in words for the people who approve, one statement per line: the level and why
   * ({@code critical: trigger ci-broken: ci_success_rate = 0% <= 0%}), levels above it that could not be evaluated
   * and why, then the response, its deadline and the approval. When no level holds, says so, then each level's
   * values.
   *
   * @return the explanation
   */
  public String explanation() {
    String e = explanation;
    if (e == null) {
      e = explain();
      explanation = e;
    }
    return e;
  }

  private String explain() {
    StringBuilder b = new StringBuilder();
    List<LevelEvaluation> unknown = unknownLevels();
    if (severity != null) {
      b.append(evaluations.get(evaluations.size() - 1).describe());
      for (LevelEvaluation u : unknown) {
        b.append("\nbut ").append(u.level().name()).append(", a higher level, could not be evaluated: ")
            .append(String.join("; ", u.evaluation().unknowns()));
      }
      Response r = severity.response();
      b.append("\n-> ").append(r.describe());
      deadline().ifPresent(d -> b.append(", by ").append(d));
      b.append("; approval: ").append(severity.approval().describe());
      return b.toString();
    }
    if (evaluations.isEmpty()) {
      return "no severity level holds: the plan has no severity levels";
    }
    b.append(unknown.isEmpty() ? "no severity level holds"
        : "no severity level holds for sure: " + names(unknown) + " could not be evaluated");
    for (LevelEvaluation l : evaluations) {
      b.append('\n').append(l.describe());
    }
    return b.toString();
  }

  private static String names(List<LevelEvaluation> levels) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < levels.size(); i++) {
      b.append(i == 0 ? "" : i == levels.size() - 1 ? " and " : ", ").append(levels.get(i).level().name());
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Decision)) {
      return false;
    }
    Decision d = (Decision) o;
    return Objects.equals(severity, d.severity) && detectedAt.equals(d.detectedAt) && evaluations.equals(d.evaluations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(severity, detectedAt, evaluations);
  }

  @Override
  public String toString() {
    return "Decision[" + severityName().orElse("none") + (hasUnknownAbove() ? ", with unknown levels" : "") + "]";
  }
}
