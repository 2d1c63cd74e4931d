package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Step;
import dev.rollback.git.support.Runs;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Audit;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The remote side of "nothing is lost": random histories on a bare origin, random rollback plans run from a clone
 * (reverts, restores, a local rewrite; pushes plain, leased, rewriting, to a new branch; with or without a fetch),
 * and someone else pushing to the same origin at random moments: before the run, between assessment and the
 * steps, between steps, after the push. Every commit any ref of the origin ever held is, at the end, reachable from
 * a ref of the origin or from a ref (a backup counts) of the clone, and the adapter's own audit agrees. Built with
 * JGit in process (the git command line is the reference elsewhere) so a thousand tries take seconds.
 */
class RemotePropertyTest {

  private static final PersonIdent THEM = new PersonIdent("Someone Else", "else@rollback.dev");

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(1, 1_000_000_000L);
  }

  @Property(tries = 1_000)
  void noCommitTheRemoteEverHeldIsLostWhenOthersPushAtRandomMoments(@ForAll("seeds") long seed) throws Exception {
    Random r = new Random(seed);
    Path shm = Path.of("/dev/shm");
    // Memory-backed when the machine has it: a thousand repositories are made and deleted.
    Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "rollback-prop-")
        : Files.createTempDirectory("rollback-remote-prop-");
    try {
      Path originDir = root.resolve("origin.git");
      try (Repository origin = new FileRepositoryBuilder().setGitDir(originDir.toFile()).setBare().build()) {
        origin.create(true);
        origin.updateRef(Constants.HEAD).link("refs/heads/main");
        StoredConfig oc = origin.getConfig();
        oc.setInt("gc", null, "auto", 0);
        oc.setBoolean("gc", null, "autoDetach", false);
        oc.setBoolean("receive", null, "autogc", false);
        oc.save();
        Path oursDir = root.resolve("ours");
        try (Git g = Git.init().setDirectory(oursDir.toFile()).setInitialBranch("main").call()) {
          // A clone, made without a transport: the same commits (same ids) written into both repositories, the
          // refs a clone has, the files checked out.
          Repository mine = g.getRepository();
          List<ObjectId> history = new ArrayList<>();
          ObjectId tip = null;
          int size = 2 + r.nextInt(4);
          for (int i = 0; i < size; i++) {
            String file = "f" + r.nextInt(3) + ".txt";
            String content = "line " + r.nextInt(1_000) + "\n";
            tip = commit(origin, tip, file, content, "change " + i, i);
            assertThat(commit(mine, history.isEmpty() ? null : history.get(i - 1), file, content, "change " + i, i))
                .isEqualTo(tip);
            history.add(tip);
          }
          move(origin, "refs/heads/main", tip);
          StoredConfig c = mine.getConfig();
          c.setString("user", null, "name", "Rollback Test");
          c.setString("user", null, "email", "test@rollback.dev");
          c.setInt("gc", null, "auto", 0);
          c.setBoolean("gc", null, "autoDetach", false);
          c.setString("remote", "origin", "url", originDir.toUri().toString());
          c.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
          c.save();
          move(mine, "refs/remotes/origin/main", tip);
          g.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(tip.name()).call();
          boolean localRewrite = r.nextInt(4) == 0;
          if (localRewrite && history.size() > 1) {
            // Our clone rewrote its tip (an amend), as a plan that rewrites history on purpose would follow.
            ObjectId amended = commit(g.getRepository(), history.get(history.size() - 2), "f0.txt", "amended\n",
                "amended tip", 100);
            g.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(amended.name()).call();
          }
          Set<String> everOnOrigin = reachable(origin);
          Set<String> localBefore = reachable(g.getRepository());

          List<Step> steps = new ArrayList<>();
          if (r.nextBoolean()) {
            steps.add(GitSteps.fetch("origin"));
          }
          int writes = 1 + r.nextInt(2);
          for (int i = 0; i < writes; i++) {
            String target = history.get(1 + r.nextInt(history.size() - 1)).name();
            steps.add(r.nextBoolean() ? GitSteps.revert(target).named("revert " + i)
                : GitSteps.restore(target, List.of(path("f" + r.nextInt(3) + ".txt")), "restore " + i)
                    .named("restore " + i));
          }
          switch (r.nextInt(4)) {
            case 0:
              steps.add(GitSteps.push("origin", branch("main")));
              break;
            case 1:
              steps.add(GitSteps.pushWithLease("origin", branch("main")));
              break;
            case 2:
              steps.add(GitSteps.pushRewritingHistory("origin", branch("main")));
              break;
            default:
              steps.add(GitSteps.pushWithLease("origin", branch("main"), branch("rollback-" + seed)));
          }
          try (GitAdapter adapter = GitAdapter.open(oursDir)) {
            AdapterHarness run = Runs.run(adapter, "prop-" + seed, oursDir, Sandbox.EPOCH.plusSeconds(86_400),
                steps.toArray(new Step[0]));
            theyMayPush(r, origin, everOnOrigin);
            run.onRunStart();
            for (Step step : steps) {
              theyMayPush(r, origin, everOnOrigin);
              try {
                run.apply(step);
              } catch (GitException refused) {
                // a stale lease, not a fast-forward, a conflict: the phase halts here, as the executor would
                break;
              }
            }
            theyMayPush(r, origin, everOnOrigin);
            Audit audit = adapter.onRunEnd(run).orElseThrow();
            assertThat(audit.passed()).as(audit.summary()).isTrue();
            Object remoteLost = audit.evidence().get("remoteCommitsLost");
            if (remoteLost != null) {
              assertThat(((Number) remoteLost).longValue()).as(audit.summary()).isZero();
            }
          }
          Set<String> kept = reachable(origin);
          kept.addAll(reachable(g.getRepository()));
          Set<String> lost = new HashSet<>(everOnOrigin);
          lost.addAll(localBefore);
          lost.removeAll(kept);
          assertThat(lost).as("commits no ref of the origin nor of the clone reaches, seed " + seed).isEmpty();
        }
      }
    } finally {
      delete(root);
    }
  }

  /** With some chance, someone else pushes a commit on top of main, or a new branch. */
  private static void theyMayPush(Random r, Repository origin, Set<String> everOnOrigin) throws IOException {
    if (r.nextInt(3) != 0) {
      return;
    }
    Ref main = origin.exactRef("refs/heads/main");
    ObjectId parent = main == null ? null : main.getObjectId();
    ObjectId theirs = commit(origin, parent, "theirs" + r.nextInt(3) + ".txt", "theirs " + r.nextInt(1_000) + "\n",
        "their change", 200 + r.nextInt(100));
    move(origin, r.nextInt(4) == 0 ? "refs/heads/their-" + theirs.name().substring(0, 8) : "refs/heads/main",
        theirs);
    everOnOrigin.addAll(reachable(origin));
  }

  /** A commit on {@code parent} that writes one file (the others kept), written straight into the repository. */
  private static ObjectId commit(Repository repo, ObjectId parent, String file, String content, String message,
      int second) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      if (parent != null) {
        b.addTree(new byte[0], 0, walk.getObjectReader(), walk.parseCommit(parent).getTree());
      }
      b.finish();
      DirCacheBuilder edit = dc.builder();
      for (int i = 0; i < dc.getEntryCount(); i++) {
        if (!dc.getEntry(i).getPathString().equals(file)) {
          edit.add(dc.getEntry(i));
        }
      }
      DirCacheEntry e = new DirCacheEntry(file);
      e.setFileMode(FileMode.REGULAR_FILE);
      e.setObjectId(ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
      edit.add(e);
      edit.finish();
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(dc.writeTree(ins));
      if (parent != null) {
        cb.setParentId(parent);
      }
      PersonIdent who = new PersonIdent(THEM, Sandbox.EPOCH.plusSeconds(second), java.time.ZoneOffset.UTC);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message + "\n");
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    }
  }

  private static void move(Repository repo, String ref, ObjectId to) throws IOException {
    RefUpdate u = repo.updateRef(ref);
    u.setNewObjectId(to);
    u.setForceUpdate(false);
    RefUpdate.Result res = u.update();
    assertThat(res).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NO_CHANGE);
  }

  /** Every commit reachable from a ref, like {@code git rev-list --all}. */
  private static Set<String> reachable(Repository repo) throws IOException {
    Set<String> out = new HashSet<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefs()) {
        if (ref.getObjectId() != null) {
          try {
            walk.markStart(walk.parseCommit(ref.getObjectId()));
          } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
            // a tag of a tree or blob: no commit to keep
          }
        }
      }
      for (RevCommit c : walk) {
        out.add(c.name());
      }
    }
    return out;
  }

  private static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
