package dev.rollback.git;

import dev.rollback.Check;
import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.Revision;
import dev.rollback.Step;
import dev.rollback.git.internal.GitContracts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finding the commit that broke a probe, as {@code git bisect start --first-parent <bad> <good>} followed by
 * {@code git bisect run <probe>} would, as a step or a check of a plan. The suspects are the commits on the bad
 * end's first-parent history down to the good end (a merge is a suspect as a whole); the probe is a command
 * ({@link Checks#command(Command)}) run in a scratch checkout of each candidate that shares the repository's
 * objects (never the user's work tree); like {@code git bisect run} it reads exit 0 as good, 125 as untestable (the
 * commit is stepped around), 1 to 127 as bad, and anything else (128 or more, a timeout) as a reason to stop.
 *
 * <pre>{@code
 * .step(GitBisect.between("v1.4.0", "main").probe(Command.of("make", "test")).parallelism(2).step().as("culprit"))
 * .step(GitSteps.revert(ref("culprit")))
 * }</pre>
 *
 * <p>The step's value is the first bad commit's full id; its outputs are {@code probes} (how many probes ran),
 * {@code rounds}, {@code suspects}, {@code candidates} (the ids the first bad commit could be), {@code good} and
 * {@code bad} (the ends, as full ids) and {@code how} (a sentence for trailers and reports); its evidence lists
 * every verdict. When untestable commits leave several candidates, the step fails naming all of them, as
 * {@code git bisect} lists them; the check fails with them as evidence.
 *
 * <p>Each verdict is remembered in the run's journal as soon as it is known, so a resumed run never probes a commit
 * twice. With {@link #parallelism(int)} k above 1, k candidates are probed at once in k scratch checkouts (k-ary
 * search: log base k + 1 of the range in rounds instead of log base 2), at most as many as the machine has cores.
 * With {@link #confirmations(int)} the bad end is probed again first: a pass there ends with "flaky, no rollback".
 *
 * <p>The whole bisection is bounded by the step's or check's timeout (the plan's default, five minutes, unless
 * {@code .step().timeout(...)} says otherwise); a bisection stopped by it keeps the verdicts it remembered, so a
 * resumed run goes on from there.
 *
 * <p>Values are immutable: every method returns a new one.
 */
public final class GitBisect {

  /** Kind of the bisection step and check. */
  public static final String BISECT = "git.bisect";

  /** The most probes run at once that a plan may ask for. */
  public static final int MAX_PARALLELISM = 64;

  private final Revision good;
  private final Revision bad;
  private final Check probe;
  private final int parallelism;
  private final int confirmations;
  private final Duration probeTimeout;

  private GitBisect(Revision good, Revision bad, Check probe, int parallelism, int confirmations,
      Duration probeTimeout) {
    this.good = good;
    this.bad = bad;
    this.probe = probe;
    this.parallelism = parallelism;
    this.confirmations = confirmations;
    this.probeTimeout = probeTimeout;
  }

  /**
   * A bisection of the first-parent history from {@code good} (excluded, trusted to pass) to {@code bad} (included,
   * trusted to fail unless {@link #confirmations(int)} says to probe it). Give it a probe before finishing it.
   *
   * @param good the last known good commit: a {@code Ref} ({@code ref("lastGreen")}), a {@code Template} or
   *     {@code Revision.of(text)}
   * @param bad the first known bad commit, likewise
   * @return the bisection, without a probe yet
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static GitBisect between(Revision good, Revision bad) {
    return new GitBisect(GitSteps.rev(good, "good"), GitSteps.rev(bad, "bad"), null, 1, 0, null);
  }

  /**
   * {@link #between(Revision, Revision)} of ends given as text.
   *
   * @param good the last known good commit: an id, a branch, a tag or an expression
   * @param bad the first known bad commit, likewise
   * @return the bisection, without a probe yet
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static GitBisect between(String good, String bad) {
    return between(GitSteps.revision(good, "good"), GitSteps.revision(bad, "bad"));
  }

  /**
   * A bisection of a range given as {@code good..bad}, as {@code GitHubChecks.suspects} binds it
   * ({@code ref("suspects")}) or as git writes it ({@code v1.4.0..main}).
   *
   * @param range a {@code Ref} or a {@code Template} whose value is {@code <good>..<bad>}, or
   *     {@code Revision.of("v1.4.0..main")}
   * @return the bisection, without a probe yet
   * @throws NullPointerException if {@code range} is null
   * @throws IllegalArgumentException if it is literal text without {@code ..} between two revisions
   */
  public static GitBisect range(Revision range) {
    Revision r = GitSteps.rev(range, "range");
    if (r instanceof Revision.Literal) {
      return range(r.text());
    }
    return new GitBisect(r, null, null, 1, 0, null);
  }

  /**
   * {@link #range(Revision)} of a range given as text, {@code v1.4.0..main}.
   *
   * @param range {@code <good>..<bad>}
   * @return the bisection, without a probe yet
   * @throws NullPointerException if {@code range} is null
   * @throws IllegalArgumentException if it is not two revisions with {@code ..} between them
   */
  public static GitBisect range(String range) {
    java.util.Objects.requireNonNull(range, "range");
    String[] ends = range.split("\\.\\.", -1);
    if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
      throw new IllegalArgumentException("range must be <good>..<bad>, was '" + range + "'");
    }
    return between(ends[0], ends[1]);
  }

  /**
   * The same bisection with a probe: a command check ({@link Checks#command(Command)}), run in the scratch checkout
   * (its directory is relative to the checkout's root).
   *
   * @param probe the probe
   * @return the new bisection
   * @throws NullPointerException if {@code probe} is null
   * @throws IllegalArgumentException if the probe is not a command check, or matches its output against a pattern
   */
  public GitBisect probe(Check probe) {
    Objects.requireNonNull(probe, "probe");
    if (!probe.kind().equals(Checks.COMMAND)) {
      throw new IllegalArgumentException("probe must be a command check (Checks.command(...)), was a check of kind "
          + probe.kind() + " ('" + probe.name() + "')");
    }
    if (probe.params().containsKey("pattern")) {
      throw new IllegalArgumentException("probe '" + probe.name() + "' matches its output against a pattern; a"
          + " bisection probe is read by its exit status only (0 good, 125 untestable, 1-127 bad)");
    }
    return new GitBisect(good, bad, probe, parallelism, confirmations, probeTimeout);
  }

  /**
   * The same bisection with a command as its probe; see {@link #probe(Check)}.
   *
   * @param command the command
   * @return the new bisection
   * @throws NullPointerException if {@code command} is null
   */
  public GitBisect probe(Command command) {
    return probe(Checks.command(Objects.requireNonNull(command, "command")));
  }

  /**
   * The same bisection probing up to {@code k} candidates at once, each in its own scratch checkout; the adapter
   * runs at most as many at once as the machine has cores.
   *
   * @param k 1 (a binary search, the default) to {@value #MAX_PARALLELISM}
   * @return the new bisection
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public GitBisect parallelism(int k) {
    if (k < 1 || k > MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", was " + k);
    }
    return new GitBisect(good, bad, probe, k, confirmations, probeTimeout);
  }

  /**
   * The same bisection confirming the red first: the bad end is probed {@code n} more times before any suspect;
   * one pass among them ends the bisection with "flaky, no rollback" and the verdicts as evidence (the step fails,
   * the check fails), so a flake never leads to a revert. Confirmation probes are not counted in {@code probes}.
   *
   * @param n 0 (trust the bad end, the default) to 10
   * @return the new bisection
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public GitBisect confirmations(int n) {
    if (n < 0 || n > 10) {
      throw new IllegalArgumentException("confirmations must be 0 to 10, was " + n);
    }
    return new GitBisect(good, bad, probe, parallelism, n, probeTimeout);
  }

  /**
   * The same bisection stopping a probe that runs longer than the timeout (the bisection then fails, as a probe
   * that cannot decide). Without one, a probe may run ten minutes.
   *
   * @param timeout more than zero
   * @return the new bisection
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if it is zero or negative
   */
  public GitBisect probeTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("probeTimeout must be more than zero, was " + timeout);
    }
    return new GitBisect(good, bad, probe, parallelism, confirmations, timeout);
  }

  /**
   * A read-only step finding the first bad commit; see the class documentation for its value and outputs. A preview
   * runs it for real, as every read-only step.
   *
   * @return the step
   * @throws IllegalStateException if no probe was given
   */
  public Step step() {
    return Step.of(BISECT, "bisect " + describe(), Effect.READ_ONLY, params());
  }

  /**
   * A check that passes with the first bad commit's full id as its value (bind it with {@code .as("culprit")}), and
   * fails when the bad end passes on confirmation (flaky) or several candidates remain; the evidence holds the
   * probes and candidates.
   *
   * @return the check
   * @throws IllegalStateException if no probe was given
   */
  public Check check() {
    return Check.of(BISECT, "find the first bad commit " + describe(), params());
  }

  private String describe() {
    return ends() + " with `" + requireProbe().name() + "`"
        + (parallelism > 1 ? " (" + parallelism + " at once)" : "");
  }

  private String ends() {
    return bad == null ? GitSteps.show(good) : GitSteps.show(good) + ".." + GitSteps.show(bad);
  }

  private Check requireProbe() {
    if (probe == null) {
      throw new IllegalStateException("the bisection " + ends()
          + " has no probe: call probe(Checks.command(...)) first");
    }
    return probe;
  }

  private Map<String, Object> params() {
    Check p = requireProbe();
    Map<String, Object> probeParams = new LinkedHashMap<>(p.params());
    probeParams.put("name", p.name());
    Map<String, Object> out = new LinkedHashMap<>();
    if (bad == null) {
      out.put(GitContracts.RANGE.name(), GitContracts.RANGE.write(good));
    } else {
      out.put(GitContracts.GOOD.name(), GitContracts.GOOD.write(good));
      out.put(GitContracts.BAD.name(), GitContracts.BAD.write(bad));
    }
    out.put("probe", probeParams);
    out.put("parallelism", parallelism);
    if (confirmations > 0) {
      out.put("confirmations", confirmations);
    }
    Duration t = probeTimeout != null ? probeTimeout : p.timeout().orElse(null);
    if (t != null) {
      out.put("probeTimeout", t);
    }
    return out;
  }

  @Override
  public String toString() {
    return "GitBisect[" + ends() + (probe == null ? "" : " `"
        + probe.name() + "`") + ", parallelism " + parallelism + "]";
  }
}
