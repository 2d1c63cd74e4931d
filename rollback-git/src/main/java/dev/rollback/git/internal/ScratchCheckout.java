package dev.rollback.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A scratch checkout for probing commits, like {@code git worktree add --detach}: a repository of its own whose
 * {@code objects/info/alternates} names the main repository's object directory, so objects are shared, never
 * copied, and the user's work tree and index are never touched. Each checkout moves it to a commit (a detached
 * HEAD), overwriting what the previous probe changed and removing what it left (untracked and ignored files).
 * {@code git} commands a probe runs inside it work as in any clone.
 */
final class ScratchCheckout implements AutoCloseable {

  private final Path dir;
  private final Repository repo;
  private ObjectId tree;

  private ScratchCheckout(Path dir, Repository repo) {
    this.dir = dir;
    this.repo = repo;
  }

  /**
   * Creates the checkout in an empty (or removed and recreated) folder.
   *
   * @param main the repository whose objects it shares
   * @param dir its folder
   * @return the checkout, at no commit yet
   * @throws IOException when it cannot be created
   */
  static ScratchCheckout create(Repository main, Path dir) throws IOException {
    delete(dir);
    Files.createDirectories(dir);
    try (Git g = Git.init().setDirectory(dir.toFile()).setInitialBranch("bisect").call()) {
      Path alternates = g.getRepository().getDirectory().toPath().resolve("objects/info/alternates");
      Files.createDirectories(alternates.getParent());
      Files.writeString(alternates, main.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file
          .ObjectDirectory ? ((org.eclipse.jgit.internal.storage.file.ObjectDirectory) main.getObjectDatabase())
          .getDirectory().getAbsolutePath() + "\n" : main.getDirectory().toPath().resolve("objects")
          .toAbsolutePath() + "\n", StandardCharsets.UTF_8);
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException("cannot create a scratch checkout in '" + dir + "': " + e.getMessage(), e);
    }
    Repository r = new FileRepositoryBuilder().setGitDir(dir.resolve(Constants.DOT_GIT).toFile()).setWorkTree(
        dir.toFile()).setMustExist(true).build();
    return new ScratchCheckout(dir, r);
  }

  /** The checkout's root, where probes run. */
  Path dir() {
    return dir;
  }

  /**
   * Moves the checkout to the commit: its files exactly, nothing else.
   *
   * @param commit the commit, from the main repository
   * @throws IOException when the commit's objects cannot be read or the files cannot be written
   */
  void checkout(RevCommit commit) throws IOException {
    ObjectId target = commit.getTree().getId();
    DirCacheCheckout dco = tree == null ? new DirCacheCheckout(repo, repo.lockDirCache(), target)
        : new DirCacheCheckout(repo, tree, repo.lockDirCache(), target);
    dco.setFailOnConflict(false);
    dco.setForce(true);
    dco.checkout();
    RefUpdate u = repo.updateRef(Constants.HEAD, true);
    u.setNewObjectId(commit.getId());
    u.forceUpdate();
    tree = target;
    try (Git g = Git.wrap(repo)) {
      // What the previous probe left: tracked files changed or removed are put back as the commit has them, files
      // it made (untracked or ignored) removed. One walk of the work tree, as git status --ignored makes.
      var status = g.status().setIgnoreSubmodules(org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode.ALL)
          .call();
      if (!status.getModified().isEmpty() || !status.getMissing().isEmpty()) {
        var co = g.checkout().setForced(true).setStartPoint(commit);
        status.getModified().forEach(co::addPath);
        status.getMissing().forEach(co::addPath);
        co.call();
      }
      java.util.Set<String> made = new java.util.TreeSet<>(status.getUntracked());
      made.addAll(status.getUntrackedFolders());
      made.addAll(status.getIgnoredNotInIndex());
      for (String path : made) {
        delete(dir.resolve(path));
      }
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException("cannot reset the scratch checkout in '" + dir + "' to " + commit.name() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  /** Removes a folder and everything in it, when it exists. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
