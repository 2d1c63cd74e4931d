package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * A repository on disk, opened on first use. Locating it only looks at the file system, so creating an adapter
 * costs nothing until a step runs.
 */
public final class GitRepo implements AutoCloseable {

  private final Path dir;
  private final boolean bare;
  private volatile Repository repository;

  private GitRepo(Path dir, boolean bare) {
    this.dir = dir;
    this.bare = bare;
  }

  /**
   * Finds the repository whose root is the directory: a work tree with a {@code .git} directory or file, or a bare
   * repository.
   *
   * @param dir the directory
   * @return the repository, not yet opened
   * @throws GitException when the directory does not exist, is not a directory, or is not a repository's root
   */
  public static GitRepo locate(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new GitException("'" + abs + "' does not exist; expected the root of a Git repository");
    }
    if (!Files.isDirectory(abs)) {
      throw new GitException("'" + abs + "' is not a directory; expected the root of a Git repository");
    }
    Path dotGit = abs.resolve(Constants.DOT_GIT);
    if (Files.isRegularFile(dotGit)) {
      linkProblem(dotGit).ifPresent(p -> {
        throw new GitException(p);
      });
      return new GitRepo(abs, false);
    }
    if (Files.isDirectory(dotGit) && RepositoryCache.FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED)) {
      return new GitRepo(abs, false);
    }
    if (RepositoryCache.FileKey.isGitRepository(abs.toFile(), FS.DETECTED)) {
      if (abs.getFileName() != null && abs.getFileName().toString().equals(Constants.DOT_GIT)) {
        return new GitRepo(abs.getParent(), false);
      }
      return new GitRepo(abs, true);
    }
    for (Path p = abs.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(Constants.DOT_GIT))) {
        throw new GitException("'" + abs + "' is inside the Git repository at '" + p
            + "' but is not its root; open the repository's root");
      }
    }
    throw new GitException("'" + abs + "' is not a Git repository: it has no .git directory and is not a bare"
        + " repository");
  }

  /**
   * What is wrong with a {@code .git} file (a linked worktree's or a submodule's link to its repository): no
   * {@code gitdir:} line, or one pointing to a folder that is gone.
   */
  private static java.util.Optional<String> linkProblem(Path dotGit) {
    String text;
    try {
      text = Files.readString(dotGit, java.nio.charset.StandardCharsets.UTF_8).strip();
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.of("'" + dotGit + "' cannot be read: " + e.getMessage());
    }
    if (!text.startsWith("gitdir:")) {
      return java.util.Optional.of("'" + dotGit + "' is a file without a 'gitdir:' line, so it links to no"
          + " repository; remove it, or open the repository it belongs to");
    }
    Path target = dotGit.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
    if (!Files.isDirectory(target)) {
      return java.util.Optional.of("'" + dotGit + "' links to '" + target + "', which does not exist (the"
          + " worktree's repository was moved or removed): run git worktree prune in the main repository and add"
          + " the worktree again, or open the main repository");
    }
    return java.util.Optional.empty();
  }

  /**
   * The directory the repository was located at: the work tree's root, or the bare repository.
   *
   * @return the directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * Whether the repository has no work tree.
   *
   * @return {@code true} for a bare repository
   */
  public boolean isBare() {
    return bare;
  }

  /**
   * The open repository, opening it on first use.
   *
   * @return the repository
   * @throws GitException when it cannot be opened
   */
  public Repository repository() {
    Repository r = repository;
    if (r == null) {
      synchronized (this) {
        r = repository;
        if (r == null) {
          JGitSetup.prepare(dir);
          try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
            if (bare) {
              b.setGitDir(dir.toFile()).setBare();
            } else {
              b.setWorkTree(dir.toFile());
            }
            r = b.build();
          } catch (IOException | IllegalArgumentException e) {
            throw new GitException("cannot open the Git repository at '" + dir + "': " + e.getMessage(), e);
          }
          repository = r;
        }
      }
    }
    return r;
  }

  /**
   * The work tree's root.
   *
   * @param operation what needs it, for the message
   * @return the work tree
   * @throws GitException for a bare repository
   */
  public Path workTree(String operation) {
    if (bare) {
      throw new GitException("the repository at '" + dir + "' is bare; " + operation + " needs a work tree");
    }
    return repository().getWorkTree().toPath();
  }

  /**
   * Resolves a revision to exactly one commit.
   *
   * @param walk the walk to parse it with
   * @param rev an id, short id, branch, tag or expression
   * @param what what the value is, for the message (such as {@code commit to revert})
   * @return the commit
   * @throws GitException for an unknown name, an ambiguous short id, a bad expression or an object that is not a
   *     commit
   */
  public RevCommit commit(RevWalk walk, String rev, String what) {
    String shown = Inputs.printable(rev);
    if (rev.isBlank()) {
      throw new GitException(what + " is blank");
    }
    if (rev.startsWith("-")) {
      throw new GitException(what + " '" + shown + "' starts with '-'; it is not a revision");
    }
    ObjectId id;
    try {
      id = repository().resolve(rev);
    } catch (AmbiguousObjectException e) {
      // Like git for a commit-ish: among the objects the short id matches, only commits (and tags of them) count.
      List<RevCommit> commits = new ArrayList<>();
      for (ObjectId c : e.getCandidates()) {
        try {
          commits.add(walk.parseCommit(c));
        } catch (IOException notACommit) {
          // a blob or tree: not a candidate for a commit
        }
      }
      if (commits.size() == 1) {
        return commits.get(0);
      }
      List<String> candidates = new ArrayList<>();
      (commits.isEmpty() ? e.getCandidates() : commits).forEach(c -> candidates.add(c.name()));
      java.util.Collections.sort(candidates);
      throw new GitException(what + " '" + shown + "' is an ambiguous short id: it matches " + candidates.size()
          + (commits.isEmpty() ? " objects" : " commits") + " (" + String.join(", ", candidates)
          + "); give more characters", e);
    } catch (RevisionSyntaxException e) {
      throw new GitException(what + " '" + shown + "' is not a valid revision: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new GitException("cannot resolve " + what + " '" + shown + "': " + e.getMessage(), e);
    }
    if (id == null) {
      throw new GitException("unknown " + what + " '" + shown + "': no commit, branch or tag of that name in '"
          + dir + "'");
    }
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException e) {
      throw new GitException(what + " '" + shown + "' names a " + typeOf(id) + ", not a commit", e);
    } catch (MissingObjectException e) {
      throw new GitException("unknown " + what + " '" + shown + "': object " + id.name() + " is not in '" + dir + "'",
          e);
    } catch (IOException e) {
      throw new GitException("cannot read " + what + " '" + shown + "': " + e.getMessage(), e);
    }
  }

  private String typeOf(ObjectId id) {
    try {
      return Constants.typeString(repository().open(id).getType());
    } catch (IOException e) {
      return "non-commit object";
    }
  }

  /**
   * The ref HEAD points to, or {@code HEAD} itself when detached.
   *
   * @return the full name of the ref a new commit moves
   * @throws IOException when HEAD cannot be read
   */
  public String headTarget() throws IOException {
    Ref head = repository().exactRef(Constants.HEAD);
    if (head == null) {
      throw new GitException("the repository at '" + dir + "' has no HEAD");
    }
    return head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
  }

  /**
   * The commit HEAD points to.
   *
   * @param walk the walk to parse it with
   * @return the commit
   * @throws GitException when HEAD points to no commit yet
   * @throws IOException when HEAD cannot be read
   */
  public RevCommit head(RevWalk walk) throws IOException {
    ObjectId id = repository().resolve(Constants.HEAD);
    if (id == null) {
      throw new GitException("HEAD of '" + dir + "' points to no commit yet (an unborn branch)");
    }
    return walk.parseCommit(id);
  }

  /**
   * The identity new commits are made by, at the clock's current time: the configured identity, or the one
   * {@code user.name} and {@code user.email} (or the {@code GIT_COMMITTER_*} variables) give, as git would.
   *
   * @param override an identity the embedding tool set, or {@code null}
   * @param clock the executor's clock
   * @return the identity
   * @throws GitException when no identity is configured, as git would refuse to commit
   */
  public PersonIdent committer(String[] override, Clock clock) {
    Instant now = clock.instant();
    ZoneId zone = clock.getZone();
    if (override != null) {
      return new PersonIdent(override[0], override[1], now, zone);
    }
    UserConfig user = repository().getConfig().get(UserConfig.KEY);
    if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) {
      throw new GitException("no committer identity for '" + dir + "': set user.name and user.email in the git"
          + " configuration, or give the adapter an identity");
    }
    return new PersonIdent(user.getCommitterName(), user.getCommitterEmail(), now, zone);
  }

  /**
   * The repository's directory as a file, for JGit calls that want one.
   *
   * @return the directory
   */
  public File file() {
    return dir.toFile();
  }

  @Override
  public void close() {
    Repository r = repository;
    if (r != null) {
      r.close();
      repository = null;
    }
  }
}
