package dev.rollback.git.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * A temporary directory with a HOME and repositories made by the {@code git} command line, deleted on close.
 */
public final class Sandbox implements AutoCloseable {

  /** The instant histories start at. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final Path root;
  private final Path home;

  private Sandbox(Path root) {
    this.root = root;
    this.home = root.resolve("home");
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Rollback Test\n\temail = test@rollback.dev\n"
          + "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new sandbox in a fresh temporary directory. */
  public static Sandbox create() {
    try {
      return new Sandbox(Files.createTempDirectory("rollback-git-").toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sandbox's root. */
  public Path root() {
    return root;
  }

  /** Creates a repository with a work tree, its identity in its own configuration, and returns git in it. */
  public GitCli init(String name) {
    Path dir = root.resolve(name);
    GitCli git = new GitCli(root, home, EPOCH);
    git.run("init", "-q", "-b", "main", dir.toString());
    GitCli in = git.in(dir);
    in.run("config", "user.name", "Rollback Test");
    in.run("config", "user.email", "test@rollback.dev");
    return in;
  }

  /** Creates a bare repository. */
  public GitCli bare(String name) {
    Path dir = root.resolve(name);
    GitCli git = new GitCli(root, home, EPOCH);
    git.run("init", "-q", "--bare", "-b", "main", dir.toString());
    return git.in(dir);
  }

  /** Clones a repository (a full copy, no hard links) and returns git in the clone. */
  public GitCli clone(GitCli from, String name) {
    Path dir = root.resolve(name);
    GitCli git = new GitCli(root, home, from.now());
    git.run("clone", "-q", "--no-hardlinks", from.dir().toString(), dir.toString());
    GitCli in = git.in(dir);
    in.run("config", "user.name", "Rollback Test");
    in.run("config", "user.email", "test@rollback.dev");
    return in;
  }

  /** Clones a repository shallowly, like CI's {@code git clone --depth N}, and returns git in the clone. */
  public GitCli shallowClone(GitCli from, String name, int depth) {
    Path dir = root.resolve(name);
    GitCli git = new GitCli(root, home, from.now());
    git.run("clone", "-q", "--depth", Integer.toString(depth), "file://" + from.dir(), dir.toString());
    GitCli in = git.in(dir);
    in.run("config", "user.name", "Rollback Test");
    in.run("config", "user.email", "test@rollback.dev");
    return in;
  }

  /** Copies a repository byte for byte (work tree, index and all) and returns git in the copy. */
  public GitCli copy(GitCli from, String name) {
    Path target = root.resolve(name);
    copyTree(from.dir(), target);
    return from.in(target);
  }

  private static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Files.createDirectories(to.resolve(from.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.copy(file, to.resolve(from.relativize(file).toString()),
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
