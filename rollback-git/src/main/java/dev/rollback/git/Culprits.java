package dev.rollback.git;

import dev.rollback.Check;
import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.Revision;
import dev.rollback.Step;
import dev.rollback.Text;
import dev.rollback.git.internal.GitContracts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What comes after {@link GitBisect} found a culprit: the guardrails an automatic revert must pass, the revert that
 * says how it was found, and the proof that the probe passes once the culprit is reverted, before anything is pushed.
 *
 * <pre>{@code
 * .checklist(GitBisect.between(ref("lastGreen"), Revision.of("main")).probe(Command.of("make", "test")).check()
 *                .as("culprit"),
 *            Culprits.guardrails().maxCulpritAge(hours(24)).maxRevertsPerDay(4).check(ref("culprit")))
 * .procedure(procedure("auto-revert")
 *     .phase(phase("revert").step(Culprits.revert(ref("culprit"), "git bisect"))
 *         .validate(Culprits.probePasses("HEAD", Command.of("make", "test"))))     // before any push
 *     .phase(phase("push").step(GitSteps.pushWithLease("origin", branch("main"))).validate(...)))
 * }</pre>
 *
 * <p>Our reverts carry the trailers {@code Reverts: <id>}, {@code Rollback-Run: <run>}, {@code Found-By: <how>} and
 * {@value #TRAILER}{@code : auto}; the guardrails count the last day's automatic reverts by that trailer in the
 * repository's own history, and refuse to revert a commit that carries it (a revert of our revert would loop:
 * escalate to a person instead).
 */
public final class Culprits {

  /** Kind of {@link Guardrails#check(Revision)}. */
  public static final String GUARDRAILS = "git.guardrails";
  /** Kind of {@link #revert(Revision, Text)}. */
  public static final String REVERT = "git.revertCulprit";
  /** Kind of {@link #probePasses(Revision, Command)}. */
  public static final String PROBE_PASSES = "git.probePasses";
  /** The trailer that marks the reverts this library made automatically. */
  public static final String TRAILER = "Rollback-Revert";

  private Culprits() {}

  /**
   * The guardrails with their defaults, those of the revert bots this follows: a culprit at most 24 hours old, at
   * most 4 automatic reverts per repository per day, the opt-out marker {@code [no-auto-revert]}, never one of our
   * own reverts.
   *
   * @return the guardrails
   */
  public static Guardrails guardrails() {
    return new Guardrails(Duration.ofHours(24), 4, "[no-auto-revert]");
  }

  /**
   * Reverts the culprit on the current branch like {@code git revert --no-edit} (a merge against its first parent,
   * {@code -m 1}, since bisection blames merges as a whole), with the trailers {@code Reverts:},
   * {@code Rollback-Run:}, {@code Found-By:} and {@value #TRAILER}{@code : auto} added to git's message. Its value
   * is the new commit's id; outputs {@code culprit}, {@code subject} and {@code author} (name and e-mail address, to
   * mention in a pull request or notification), {@code message} and {@code before} (HEAD before it).
   *
   * @param culprit the commit: a {@code Ref} ({@code ref("culprit")}), a {@code Template} or
   *     {@code Revision.of(text)}
   * @param foundBy how it was found, for the trailer: a {@code Ref} ({@code ref("culprit.how")}), a {@code Template}
   *     or {@code Text.of(text)}
   * @return the step
   * @throws NullPointerException if an argument is null
   */
  public static Step revert(Revision culprit, Text foundBy) {
    Objects.requireNonNull(foundBy, "foundBy");
    return GitContracts.REVERT_CULPRIT.with(GitContracts.COMMIT, GitSteps.rev(culprit, "culprit"))
        .with(GitContracts.FOUND_BY, foundBy)
        .step("revert the culprit " + GitSteps.show(culprit) + " with trailers", Effect.REVERSIBLE);
  }

  /**
   * {@link #revert(Revision, Text)} with how it was found given as text.
   *
   * @param culprit the commit
   * @param foundBy how it was found, for the trailer ({@code "git bisect"})
   * @return the step
   * @throws NullPointerException if an argument is null
   */
  public static Step revert(Revision culprit, String foundBy) {
    return revert(culprit, GitSteps.text(foundBy, "foundBy"));
  }

  /**
   * Passes when the probe exits 0 on the commit, run in a scratch checkout of it (never the work tree): the proof,
   * before a push, that reverting the culprit fixes what it broke. Use it as the validation of the phase that
   * reverts, so a revert that does not fix the probe stops the run before the phase that pushes.
   *
   * @param rev the commit, usually {@code Revision.of("HEAD")} after the revert
   * @param probe the probe, as given to {@link GitBisect#probe(Command)}
   * @return the check
   * @throws NullPointerException if an argument is null
   */
  public static Check probePasses(Revision rev, Command probe) {
    Check c = Checks.command(Objects.requireNonNull(probe, "probe"));
    Map<String, Object> probeParams = new LinkedHashMap<>(c.params());
    probeParams.put("name", c.name());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(GitContracts.REV.name(), GitContracts.REV.write(GitSteps.rev(rev, "rev")));
    p.put("probe", probeParams);
    return Check.of(PROBE_PASSES, "`" + c.name() + "` passes on " + GitSteps.show(rev), p);
  }

  /**
   * {@link #probePasses(Revision, Command)} of a commit given as text ({@code "HEAD"}).
   *
   * @param rev an id, a branch, a tag or an expression
   * @param probe the probe
   * @return the check
   * @throws NullPointerException if an argument is null
   */
  public static Check probePasses(String rev, Command probe) {
    return probePasses(GitSteps.revision(rev, "rev"), probe);
  }

  /**
   * The conditions under which a culprit may be reverted automatically, as plan values: checked when the checklist
   * is, shown by a preview and in the rendered runbook (the check's name states them). Immutable.
   */
  public static final class Guardrails {
    private final Duration maxAge;
    private final int maxPerDay;
    private final String marker;

    Guardrails(Duration maxAge, int maxPerDay, String marker) {
      this.maxAge = maxAge;
      this.maxPerDay = maxPerDay;
      this.marker = marker;
    }

    /**
     * The same guardrails with another maximum age of the culprit (its committer date, on the run's clock).
     *
     * @param age more than zero
     * @return the new guardrails
     * @throws NullPointerException if {@code age} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Guardrails maxCulpritAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isZero() || age.isNegative()) {
        throw new IllegalArgumentException("maxCulpritAge must be more than zero, was " + age);
      }
      return new Guardrails(age, maxPerDay, marker);
    }

    /**
     * The same guardrails with another cap on automatic reverts in the last 24 hours, counted from the commits on
     * HEAD's history carrying {@value Culprits#TRAILER}.
     *
     * @param n 1 or more
     * @return the new guardrails
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Guardrails maxRevertsPerDay(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxRevertsPerDay must be 1 or more, was " + n);
      }
      return new Guardrails(maxAge, n, marker);
    }

    /**
     * The same guardrails with another opt-out marker: a culprit whose message holds it is never reverted
     * automatically.
     *
     * @param text a non-blank text
     * @return the new guardrails
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if it is blank
     */
    public Guardrails optOutMarker(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("optOutMarker must not be blank");
      }
      return new Guardrails(maxAge, maxPerDay, text);
    }

    /**
     * The check: passes when every guardrail allows reverting the culprit; fails naming each one that refuses
     * (evidence: {@code refused}, and the values observed).
     *
     * @param culprit the commit: a {@code Ref} ({@code ref("culprit")}), a {@code Template} or
     *     {@code Revision.of(text)}
     * @return the check
     * @throws NullPointerException if {@code culprit} is null
     */
    public Check check(Revision culprit) {
      return GitContracts.GUARDRAILS.with(GitContracts.COMMIT, GitSteps.rev(culprit, "culprit"))
          .with(GitContracts.MAX_AGE, maxAge).with(GitContracts.MAX_PER_DAY, maxPerDay)
          .with(GitContracts.MARKER, marker)
          .check("guardrails for reverting " + GitSteps.show(culprit) + ": " + this);
    }

    /**
     * {@link #check(Revision)} of a commit given as text.
     *
     * @param culprit an id, a branch, a tag or an expression
     * @return the check
     * @throws NullPointerException if {@code culprit} is null
     */
    public Check check(String culprit) {
      return check(GitSteps.revision(culprit, "culprit"));
    }

    @Override
    public String toString() {
      return "culprit at most " + human(maxAge) + " old, at most " + maxPerDay + " automatic revert"
          + (maxPerDay == 1 ? "" : "s") + " per day, no '" + marker + "' in its message, not one of our reverts";
    }

    private static String human(Duration d) {
      if (d.toMinutes() % 60 == 0 && d.toSeconds() % 60 == 0) {
        return d.toHours() + "h";
      }
      return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
  }
}
