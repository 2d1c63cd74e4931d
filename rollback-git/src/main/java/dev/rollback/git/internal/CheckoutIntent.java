package dev.rollback.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * What a step is about to do to the index and work tree, written before it touches either, as git writes
 * {@code MERGE_HEAD} before a merge: {@code <git dir>/rollback/checkout} names the run, the tree they hold and the
 * tree they are moving to, and whether HEAD moves with them. It is removed once HEAD (or the index alone) holds the
 * new tree. A process killed in between leaves it, so a resume knows exactly which paths may be half-written and
 * what each may hold (see {@link Interrupted}).
 *
 * @param runId the run whose step writes
 * @param from the tree the index and work tree held
 * @param to the tree they are moving to
 * @param movesHead whether HEAD moves to a commit of {@code to} afterwards (a commit, a checkout), rather than the
 *     index alone changing (a cherry-pick without commit)
 */
record CheckoutIntent(String runId, ObjectId from, ObjectId to, boolean movesHead) {

  static Path file(Repository repo) {
    return repo.getDirectory().toPath().resolve("rollback").resolve("checkout");
  }

  /** Records the intent, atomically, before anything is written. */
  static void begin(Repository repo, String runId, ObjectId from, ObjectId to, boolean movesHead)
      throws IOException {
    Path file = file(repo);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("checkout.tmp");
    Files.writeString(tmp, "run " + runId.replace('\n', ' ') + "\nfrom " + from.name() + "\nto " + to.name()
        + "\n" + (movesHead ? "head" : "index") + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the intent: the index, work tree and HEAD agree again. */
  static void end(Repository repo) throws IOException {
    Files.deleteIfExists(file(repo));
  }

  /** The intent a killed process left, if any; one that cannot be read is reported as such. */
  static Optional<CheckoutIntent> read(Repository repo) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file(repo), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 4 || !lines.get(0).startsWith("run ") || !lines.get(1).startsWith("from ")
        || !lines.get(2).startsWith("to ") || !ObjectId.isId(lines.get(1).substring(5))
        || !ObjectId.isId(lines.get(2).substring(3))) {
      throw new IOException(file(repo) + " is not a checkout record this version wrote: " + lines);
    }
    return Optional.of(new CheckoutIntent(lines.get(0).substring(4), ObjectId.fromString(lines.get(1).substring(5)),
        ObjectId.fromString(lines.get(2).substring(3)), lines.get(3).equals("head")));
  }
}
