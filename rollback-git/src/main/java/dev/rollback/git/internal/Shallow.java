package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shallow clones (CI's {@code fetch-depth: 1}): JGit, like git, sees a commit at the shallow boundary as one without
 * parents, so reverting it would revert it against an empty tree and delete every file. Before a revert, cherry-pick
 * or restore computes anything, the history it needs is checked: when it is missing, the clone is deepened
 * ({@code git fetch --depth}, growing) if the run may read from the network (the plan fetches, or {@code --fetch}),
 * else the step stops before any change, naming the missing commit and the fix.
 */
final class Shallow {

  private static final Logger LOG = LoggerFactory.getLogger(Shallow.class);
  private static final int[] DEPTHS = {64, 1_024, 16_384};

  private Shallow() {}

  /** A check over the history, made with a fresh walk: empty when the history it needs is there, else what lacks. */
  interface Need {
    String missing(RevWalk walk) throws IOException;
  }

  static boolean isShallow(Repository repo) throws IOException {
    return !repo.getObjectDatabase().getShallowCommits().isEmpty();
  }

  /** The commits at the boundary of a shallow clone. */
  static Set<ObjectId> boundary(Repository repo) throws IOException {
    return repo.getObjectDatabase().getShallowCommits();
  }

  /**
   * Makes sure the history a step needs is in the clone, deepening it when allowed; refreshes the session's walk
   * after a deepening.
   *
   * @param s the session
   * @param what what the step does, for the message ({@code revert})
   * @param need the check
   * @throws GitException naming the missing commit and the fix, before any change
   */
  static void require(Session s, String what, Need need) throws IOException {
    if (!isShallow(s.repo)) {
      return;
    }
    String missing = check(s.repo, need);
    if (missing == null) {
      return;
    }
    String remote = deepeningRemote(s);
    if (remote != null) {
      for (int depth : DEPTHS) {
        long started = System.nanoTime();
        Remotes.fetch(s.engine, remote, depth);
        LOG.info("deepened the shallow clone {} to depth {} from {} ({} ms) for {}", s.engine.repo.dir(), depth,
            remote, (System.nanoTime() - started) / 1_000_000, what);
        missing = check(s.repo, need);
        if (missing == null || !isShallow(s.repo)) {
          break;
        }
      }
      s.refreshWalk();
      if (missing == null) {
        return;
      }
    }
    throw new GitException(what + " needs history this shallow clone of '" + s.engine.repo.dir() + "' lacks: "
        + missing + "; nothing was changed. "
        + (remote != null ? "Deepening it from " + remote + " did not bring that history either: the commit is not"
            + " on the remote's branches"
            : "Deepen the clone first (git fetch --deepen=100 origin, or git fetch --unshallow origin; in CI, a"
            + " larger fetch-depth), or let the run do it: add GitSteps.fetch(\"origin\") to the plan, or run with"
            + " --fetch"));
  }

  private static String check(Repository repo, Need need) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return need.missing(walk);
    }
  }

  /** The remote a run may deepen from: one the plan fetches (origin first), or none. */
  private static String deepeningRemote(Session s) {
    Set<String> remotes = Leases.fetchedRemotes(s.engine, s.run.plan());
    if (remotes.isEmpty()) {
      return null;
    }
    return remotes.contains(Constants.DEFAULT_REMOTE_NAME) ? Constants.DEFAULT_REMOTE_NAME : remotes.iterator().next();
  }

  /** A revision that must resolve, and, when {@code parents}, whose parents must be in the clone. */
  static Need commit(Repository repo, String rev, boolean parents) {
    return walk -> {
      ObjectId id;
      try {
        id = repo.resolve(rev);
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
        return null; // not about history: the step's own resolution reports it
      }
      if (id == null) {
        return "'" + Inputs.printable(rev) + "' reaches past the clone's history, which stops at " + stops(repo, walk);
      }
      if (parents) {
        RevCommit c;
        try {
          c = walk.parseCommit(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
          return null;
        }
        if (boundary(repo).contains(c)) {
          return "the parent of " + Inputs.printable(rev) + " (" + c.name() + "), " + String.join(", ",
              rawParents(repo, c)) + ", is missing: the clone's history stops at that commit";
        }
      }
      return null;
    };
  }

  /** A range {@code from..to} whose commits must all have their parents in the clone. */
  static Need range(Repository repo, String from, String to) {
    return walk -> {
      String a = commit(repo, from, false).missing(walk);
      if (a != null) {
        return a;
      }
      String b = commit(repo, to, false).missing(walk);
      if (b != null) {
        return b;
      }
      ObjectId f = repo.resolve(from);
      ObjectId t = repo.resolve(to);
      if (f == null || t == null) {
        return null;
      }
      walk.setRevFilter(RevFilter.ALL);
      walk.setTreeFilter(TreeFilter.ALL);
      walk.markStart(walk.parseCommit(t));
      walk.markUninteresting(walk.parseCommit(f));
      Set<ObjectId> boundary = boundary(repo);
      for (RevCommit c : walk) {
        if (boundary.contains(c)) {
          return "the range " + Inputs.printable(from) + ".." + Inputs.printable(to) + " goes past " + c.name()
              + ", whose parent " + String.join(", ", rawParents(repo, c)) + " is missing";
        }
      }
      return null;
    };
  }

  /** Where HEAD's history stops: the boundary commits and their missing parents. */
  private static String stops(Repository repo, RevWalk walk) throws IOException {
    List<String> out = new ArrayList<>();
    for (ObjectId b : boundary(repo)) {
      List<String> parents = rawParents(repo, b);
      out.add(b.name() + (parents.isEmpty() ? "" : " (its parent " + String.join(", ", parents) + " is missing)"));
      if (out.size() == 3) {
        break;
      }
    }
    return String.join("; ", out);
  }

  /** The parents a commit's object names, which a shallow clone's walk hides. */
  static List<String> rawParents(Repository repo, ObjectId commit) throws IOException {
    List<String> out = new ArrayList<>();
    ObjectLoader l = repo.open(commit, Constants.OBJ_COMMIT);
    String text = new String(l.getCachedBytes(), java.nio.charset.StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("parent ")) {
        out.add(line.substring(7).trim());
      }
    }
    return out;
  }

  /** A note for searches over a shallow history: where it stops, or empty when the clone is complete. */
  static String searchNote(Repository repo) throws IOException {
    Set<ObjectId> b = boundary(repo);
    if (b.isEmpty()) {
      return "";
    }
    return "searched a shallow clone: its history stops at " + b.size() + " boundary commit"
        + (b.size() == 1 ? "" : "s") + " (" + b.iterator().next().name() + (b.size() > 1 ? ", ..." : "")
        + "), so older commits were not searched";
  }
}
