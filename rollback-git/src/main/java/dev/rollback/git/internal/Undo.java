package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Compensation of local steps: move a ref this step moved back to where it was, only when it is still where the
 * step left it, keeping the abandoned commit reachable under the run's backup prefix.
 */
final class Undo {

  private Undo() {}

  /**
   * Moves a ref back.
   *
   * @param s the session
   * @param applied what the step returned: outputs {@code ref}, {@code before}, {@code after}
   * @param hard whether the index and work tree follow (a revert) or stay (a commit of staged changes)
   * @param what the step, for messages
   * @return what was done
   */
  static StepResult moveBack(Session s, StepResult applied, boolean hard, String what) throws IOException {
    Map<String, Object> out = applied.outputs();
    String ref = String.valueOf(out.get("ref"));
    ObjectId before = ObjectId.fromString(String.valueOf(out.get("before")));
    ObjectId after = ObjectId.fromString(String.valueOf(out.get("after")));
    ObjectId current = s.ref(ref);
    if (ref.equals(Constants.HEAD) && current == null) {
      current = s.repo.resolve(Constants.HEAD);
    }
    if (current == null || !current.equals(after)) {
      throw new GitException("cannot undo " + what + ": " + ref + " is at " + Trees.shown(current)
          + ", no longer at " + after.name() + " where the step left it; nothing was changed");
    }
    boolean checkedOut = s.headTarget().equals(ref);
    if (hard && checkedOut) {
      s.requireClean(false);
    }
    String keptAs = Safety.keep(s, shortName(ref), after);
    if (hard && checkedOut) {
      RevCommit a = s.walk.parseCommit(after);
      RevCommit b = s.walk.parseCommit(before);
      boolean recorded = s.switchTree(a.getTree(), b.getTree(), true);
      try {
        s.moveRef(ref, after, before, "rollback: undo " + what);
      } catch (GitException | IOException e) {
        Trees.switchTree(s.repo, b.getTree(), a.getTree());
        s.settled(recorded);
        throw e;
      }
      s.settled(recorded);
    } else {
      s.moveRef(ref, after, before, "rollback: undo " + what);
    }
    return StepResult.of("moved " + ref + " back from " + Inputs.abbrev(after) + " to " + Inputs.abbrev(before) + "; "
        + Inputs.abbrev(after) + " stays reachable as " + keptAs)
        .withOutput("ref", ref).withOutput("from", after.name()).withOutput("to", before.name())
        .withEvidence("kept", keptAs);
  }

  static String shortName(String ref) {
    return Constants.HEAD.equals(ref) ? "HEAD" : org.eclipse.jgit.lib.Repository.shortenRefName(ref);
  }
}
