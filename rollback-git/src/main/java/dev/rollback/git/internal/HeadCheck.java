package dev.rollback.git.internal;

import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RefName;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.git.GitException;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Refuses, when a run (or preview) starts and before anything changes, a HEAD on which the plan's work would be
 * lost: a detached HEAD when a procedure commits on HEAD (or starts a branch from it) before checking out a branch,
 * and a HEAD on another branch than the one a procedure pushes after committing on HEAD. Left alone, the reverts
 * were committed on the detached HEAD, {@code push origin main} found main "already at" its old tip, and the run
 * succeeded with both bad commits still on the remote.
 *
 * <p>Each procedure and recovery strategy is followed step by step from the HEAD of the repository: a checkout (or a
 * new branch checked out) moves it; a branch whose name is known only at run time ends the walk, since where HEAD is
 * after it cannot be told. Once the run has changed something (its backup refs exist), HEAD is the run's own doing
 * and nothing is checked.
 */
final class HeadCheck {

  /** Step kinds that commit on, or change the index of, the branch HEAD is on. */
  private static final Set<String> ON_HEAD = Set.of(GitSteps.REVERT, GitSteps.CHERRY_PICK, GitSteps.RESTORE,
      GitSteps.COMMIT);

  private HeadCheck() {}

  /**
   * Checks the repository's HEAD against every procedure and recovery strategy of the run's plan.
   *
   * @param engine the adapter's engine
   * @param run the run
   * @throws GitException naming the procedure, the step, HEAD and what to do, when HEAD would lose the work
   * @throws IOException when HEAD cannot be read
   */
  static void check(Engine engine, RunContext run) throws IOException {
    if (run.recall(Safety.PREFIX_KEY).isPresent() || engine.repo.isBare()) {
      return;
    }
    RollbackPlan plan = run.plan();
    List<String> problems = new ArrayList<>();
    Head head = null;
    for (Procedure p : plan.procedures()) {
      List<Step> steps = new ArrayList<>();
      p.phases().forEach(ph -> steps.addAll(ph.steps()));
      if (needsHead(steps)) {
        head = head == null ? Head.of(engine) : head;
        problem(engine, run, "procedure '" + p.name() + "'", steps, head).ifPresent(problems::add);
      }
    }
    for (RecoveryStrategy r : plan.recoveries()) {
      List<Step> steps = new ArrayList<>();
      for (Phase ph : r.phases()) {
        steps.addAll(ph.steps());
      }
      if (needsHead(steps)) {
        head = head == null ? Head.of(engine) : head;
        problem(engine, run, "recovery '" + r.name() + "'", steps, head).ifPresent(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new GitException(String.join("; and ", problems));
    }
  }

  private static boolean needsHead(List<Step> steps) {
    for (Step s : steps) {
      if (ON_HEAD.contains(s.kind()) || s.kind().equals(GitSteps.CREATE_BRANCH)) {
        return true;
      }
    }
    return false;
  }

  /** Where HEAD is: the branch's full ref name, or detached at a commit. */
  private record Head(String ref, ObjectId commit) {
    static Head of(Engine engine) throws IOException {
      String target = engine.repo.headTarget();
      if (!target.equals(Constants.HEAD)) {
        return new Head(target, null);
      }
      return new Head(null, engine.repo.repository().resolve(Constants.HEAD));
    }

    boolean detached() {
      return ref == null;
    }

    String shown() {
      return detached() ? "detached at " + (commit == null ? "no commit" : Inputs.abbrev(commit))
          : "on branch '" + Repository.shortenRefName(ref) + "'";
    }
  }

  private static Optional<String> problem(Engine engine, RunContext run, String what, List<Step> steps, Head head) {
    String where = "HEAD of '" + engine.repo.dir() + "' is " + head.shown();
    Step onStart = null;
    for (Step s : steps) {
      String kind = s.kind();
      if (kind.equals(GitSteps.CHECKOUT)) {
        return Optional.empty();
      }
      if (kind.equals(GitSteps.CREATE_BRANCH)) {
        boolean fromHead = "HEAD".equals(String.valueOf(s.params().get("startPoint")));
        if (fromHead && head.detached()) {
          return Optional.of(where + ", and " + what + " starts branch '" + name(s.params().get("name"))
              + "' from it (step '" + s.name() + "'), not from a branch: " + switchTo(run, steps));
        }
        if (Boolean.TRUE.equals(s.params().get("checkout"))) {
          return Optional.empty();
        }
        continue;
      }
      if (ON_HEAD.contains(kind)) {
        if (head.detached()) {
          return Optional.of(where + " (not on a branch), but " + what + " commits on HEAD (step '" + s.name()
              + "'): its commits would be on no branch" + pushedAfter(run, steps).map(b -> " and the push of '"
              + b + "' would not carry them").orElse("") + ". " + switchTo(run, steps));
        }
        onStart = onStart == null ? s : onStart;
        continue;
      }
      if (kind.equals(GitSteps.PUSH) && onStart != null) {
        Optional<String> pushed = Leases.fill(name(s.params().get("branch")), run);
        if (pushed.isEmpty()) {
          return Optional.empty();
        }
        String ref = Inputs.branchRef(pushed.get());
        if (!ref.equals(head.ref())) {
          return Optional.of(where + ", but " + what + " commits on HEAD (step '" + onStart.name() + "') and then"
              + " pushes '" + Repository.shortenRefName(ref) + "' (step '" + s.name() + "'), which would not carry"
              + " those commits. Switch to the branch it pushes first: git switch "
              + Repository.shortenRefName(ref) + "; then run again");
        }
      }
    }
    return Optional.empty();
  }

  /** The first branch a list of steps pushes, when known before the run. */
  private static Optional<String> pushedAfter(RunContext run, List<Step> steps) {
    for (Step s : steps) {
      if (s.kind().equals(GitSteps.PUSH)) {
        return Leases.fill(name(s.params().get("branch")), run).map(b -> Repository.shortenRefName(b));
      }
    }
    return Optional.empty();
  }

  private static String switchTo(RunContext run, List<Step> steps) {
    return "Switch to the branch the plan works on first: git switch "
        + pushedAfter(run, steps).orElse("<branch>") + "; then run again";
  }

  private static String name(Object v) {
    return v instanceof RefName ? ((RefName) v).name() : String.valueOf(v);
  }
}
