package dev.rollback.git.internal;

import dev.rollback.git.GitSteps;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.StepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Recovers, on resume, what the Git work the interruption cut off left half-done, the way git documents it: a lock
 * file ({@code index.lock}, {@code HEAD.lock}, {@code packed-refs.lock}, {@code refs/...lock}, in the repository and,
 * for a push, in a remote on this machine, with its {@code gc.log.lock} and the {@code .keep} of a pack it was taking
 * in) that the cut-off work could have made, made after the cut-off process
 * started working and held by no live process, is stale and removed; files the cut-off step was writing into the work
 * tree ({@link CheckoutIntent}) are put back as HEAD (or the index) has them, and their index entries rebuilt from
 * HEAD. Anything else (a lock held by a live process, an older one, one the work never takes, a file someone else
 * changed) is left alone, and the answer names it with the command that clears it.
 */
final class Interrupted {

  /** File times are coarse: a file made just after the process started may look a little older. */
  private static final long SLACK_SECONDS = 2;

  private Interrupted() {}

  /** Which lock files the cut-off work could have made. */
  private enum Takes {
    /** Nothing: a read-only step. */
    NOTHING,
    /** Refs only ({@code refs/...lock}, {@code packed-refs.lock}): backups, tags, branches. */
    REFS,
    /** Refs here and in the remote: a push. */
    REFS_AND_REMOTE,
    /** Refs, HEAD and the index, and the work tree: reverts, cherry-picks, restores, commits, checkouts. */
    WORK_TREE
  }

  private static Takes takes(Interruption cut) {
    if (cut.step().isEmpty()) {
      return Takes.REFS;
    }
    String kind = cut.step().get().step().kind();
    if (GitSteps.PUSH.equals(kind)) {
      return Takes.REFS_AND_REMOTE;
    }
    if (GitSteps.TAG.equals(kind) || GitSteps.CREATE_BRANCH.equals(kind) && !checksOut(cut.step().get())) {
      return Takes.REFS;
    }
    if (!cut.step().get().step().effect().mutates()) {
      return Takes.NOTHING;
    }
    return Takes.WORK_TREE;
  }

  private static boolean checksOut(StepContext step) {
    Object v = step.params().get("checkout");
    return Boolean.TRUE.equals(v) || "true".equals(v);
  }

  static Recovery recover(Engine engine, RunContext run, Interruption cut) throws IOException {
    Takes takes = takes(cut);
    if (takes == Takes.NOTHING) {
      return Recovery.none();
    }
    Repository repo = engine.repo.repository();
    Path gitDir = repo.getDirectory().toPath();
    Path common = repo.getCommonDirectory().toPath();
    List<Path> repoDirs = new ArrayList<>(List.of(engine.repo.dir(), gitDir, common));
    List<String> problems = new ArrayList<>();
    List<Path> stale = new ArrayList<>();
    String work = cut.describe();
    Optional<String> alive = cutOffStillAlive(cut);
    if (alive.isPresent()) {
      return Recovery.blocked(alive.get());
    }
    // Locks in this repository.
    List<Path> locks = new ArrayList<>();
    for (String name : List.of("index.lock", "HEAD.lock", "ORIG_HEAD.lock")) {
      addIfExists(locks, gitDir.resolve(name));
    }
    addIfExists(locks, common.resolve("packed-refs.lock"));
    refLocks(common.resolve("refs"), locks);
    for (Path lock : locks) {
      boolean ours = takes == Takes.WORK_TREE || !lock.getParent().equals(gitDir)
          || lock.getFileName().toString().equals("packed-refs.lock");
      judge(lock, ours, cut, work, engine.repo.dir(), repoDirs, stale, problems);
    }
    // Locks in a remote on this machine, for a push.
    if (takes == Takes.REFS_AND_REMOTE) {
      Optional<Path> remote = localRemote(repo, engine.repo.dir(), cut.step().get());
      if (remote.isPresent()) {
        List<Path> remoteLocks = new ArrayList<>();
        addIfExists(remoteLocks, remote.get().resolve("packed-refs.lock"));
        // The receive-pack runs the remote's automatic garbage collection after a push, under gc.log.lock.
        addIfExists(remoteLocks, remote.get().resolve("gc.log.lock"));
        refLocks(remote.get().resolve("refs"), remoteLocks);
        receiveKeeps(remote.get().resolve("objects").resolve("pack"), remoteLocks);
        for (Path lock : remoteLocks) {
          judge(lock, true, cut, work, remote.get(), List.of(remote.get()), stale, problems);
        }
      }
    }
    if (!problems.isEmpty()) {
      return Recovery.blocked(String.join("; ", problems));
    }
    List<String> actions = new ArrayList<>();
    for (Path lock : stale) {
      Files.deleteIfExists(lock);
      String file = lock.getFileName().toString();
      actions.add("removed the stale " + (file.endsWith(".pack") ? "pack without an index "
          : file.matches(".*\\.keep(\\.lock)?") ? "pack lock " : "lock ")
          + lock + " that " + work + " left when its process was cut off");
    }
    Files.deleteIfExists(CheckoutIntent.file(repo).resolveSibling("checkout.tmp"));
    Optional<CheckoutIntent> intent = CheckoutIntent.read(repo);
    if (intent.isPresent() && !engine.repo.isBare()) {
      Optional<String> trouble = restore(repo, run, intent.get(), work, actions);
      if (trouble.isPresent()) {
        // Locks removed so far stay removed: they were stale; what blocks is the work tree.
        return Recovery.blocked(trouble.get() + (actions.isEmpty() ? "" : " (meanwhile: " + String.join("; ",
            actions) + ")"));
      }
    }
    return Recovery.recovered(actions);
  }

  /** When the process that was cut off is, against all odds, still running (the run lock was taken from it). */
  private static Optional<String> cutOffStillAlive(Interruption cut) {
    long self = ProcessHandle.current().pid();
    if (cut.pid() <= 0 || cut.pid() == self) {
      return Optional.empty();
    }
    Optional<ProcessHandle> p = ProcessHandle.of(cut.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return Optional.empty();
    }
    Optional<Instant> started = p.get().info().startInstant();
    if (started.isPresent() && started.get().isAfter(cut.since().plusSeconds(SLACK_SECONDS))) {
      return Optional.empty(); // the id was reused by a newer process
    }
    return Optional.of("process " + cut.pid() + ", which was working on the run when it was interrupted, is still"
        + " alive; stop it first (kill " + cut.pid() + ")");
  }

  private static void judge(Path lock, boolean ours, Interruption cut, String work, Path repoDir, List<Path> repoDirs,
      List<Path> stale, List<String> problems) throws IOException {
    String rm = "rm -f " + quote(lock.toString());
    Instant made;
    try {
      made = Files.getLastModifiedTime(lock, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (NoSuchFileException e) {
      return;
    }
    Optional<String> user = LiveProcesses.using(lock, repoDirs);
    if (user.isPresent()) {
      problems.add(lock + " is in use by " + user.get() + ": let it finish; if the file is still there afterwards"
          + " and no git command runs in " + repoDir + ", remove it: " + rm);
    } else if (!ours) {
      problems.add(lock + " exists, but " + work + " never takes that lock, so another git command made it; if none"
          + " runs in " + repoDir + ", remove it: " + rm);
    } else if (made.isBefore(cut.since().minusSeconds(SLACK_SECONDS))) {
      problems.add(lock + " dates from " + made + ", before the interrupted process started working on the run ("
          + cut.since() + "), so another git command made it; if none runs in " + repoDir + ", remove it: " + rm);
    } else {
      stale.add(lock);
    }
  }

  private static void addIfExists(List<Path> out, Path p) {
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      out.add(p);
    }
  }

  private static void refLocks(Path refs, List<Path> out) throws IOException {
    if (!Files.isDirectory(refs)) {
      return;
    }
    try (Stream<Path> s = Files.walk(refs)) {
      s.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted().forEach(out::add);
    }
  }

  /**
   * The {@code .keep} files a receive-pack writes beside a pack while it takes it in (its content says so), which a
   * push cut off leaves: the same push again then cannot lock the same pack. A kill while the {@code .keep} itself
   * was being written leaves its {@code .keep.lock} instead (JGit writes it through a lock file), whatever it holds
   * yet, with the same effect ("Cannot lock pack").
   */
  private static void receiveKeeps(Path packs, List<Path> out) throws IOException {
    if (!Files.isDirectory(packs)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(packs, "pack-*.keep")) {
      for (Path keep : s) {
        String text;
        try {
          text = Files.readString(keep, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
          continue;
        }
        if (text.startsWith("jgit receive-pack") || text.startsWith("receive-pack")) {
          out.add(keep);
        }
      }
    }
    // A pack renamed into place without its index yet: a kill between the two leaves it, and the same push again
    // makes a pack of the same name, which receive-pack then takes as present although nothing can read it
    // ("object ... missing"). Without its index no git reads it, so nothing of the repository is in it.
    try (DirectoryStream<Path> s = Files.newDirectoryStream(packs, "pack-*.pack")) {
      for (Path pack : s) {
        String name = pack.getFileName().toString();
        if (Files.isRegularFile(pack, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(pack.resolveSibling(name.substring(0, name.length() - ".pack".length()) + ".idx"))) {
          out.add(pack);
        }
      }
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(packs, "pack-*.keep.lock")) {
      for (Path keepLock : s) {
        if (Files.isRegularFile(keepLock, LinkOption.NOFOLLOW_LINKS)) {
          out.add(keepLock);
        }
      }
    }
  }

  /** The Git directory of the push's remote when it is a repository on this machine (a path or a file URL). */
  private static Optional<Path> localRemote(Repository repo, Path workDir, StepContext step) {
    Object name = step.params().get("remote");
    if (!(name instanceof String)) {
      return Optional.empty();
    }
    String url = repo.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, (String) name, "url");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    Path p;
    if (url.startsWith("file://")) {
      p = Path.of(java.net.URI.create(url));
    } else if (url.contains("://") || url.matches("^[^/]+:.*")) {
      return Optional.empty();
    } else {
      p = workDir.resolve(url);
    }
    p = p.toAbsolutePath().normalize();
    if (Files.isDirectory(p.resolve(Constants.DOT_GIT))) {
      return Optional.of(p.resolve(Constants.DOT_GIT));
    }
    if (Files.isDirectory(p.resolve("refs")) && Files.exists(p.resolve("HEAD"))) {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /**
   * Puts back the paths a cut-off step was moving between two trees: each must hold what it held before, what the
   * step was writing, or nothing; it is made to hold what HEAD has (the index, for a step that changes the index
   * alone), and its index entry is rebuilt from that.
   *
   * @return what blocks it, or empty when done (the actions are added)
   */
  private static Optional<String> restore(Repository repo, RunContext run, CheckoutIntent intent, String work,
      List<String> actions) throws IOException {
    Path record = CheckoutIntent.file(repo);
    Path root = repo.getWorkTree().toPath();
    if (!intent.runId().equals(run.runId())) {
      return Optional.of(record + " says run " + intent.runId() + " was cut off while changing files in " + root
          + ", not this run: resume that run first (rollback resume " + intent.runId() + "), which puts them back;"
          + " if it is abandoned, put the files back by hand (git status lists them), then remove the record: rm -f "
          + quote(record.toString()));
    }
    ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
    DirCache dc = repo.readDirCache();
    if (dc.hasUnmergedPaths()) {
      return Optional.of("the index of " + root + " has unmerged paths, which no step of a run makes; resolve them"
          + " (git status), then resume");
    }
    if (WorkTreeStatus.needsFilters(repo, dc)) {
      return Optional.of(work + " was cut off while changing files in " + root + ", which uses content filters"
          + " (line endings, .gitattributes), so they cannot be compared here: check git status, put the files back"
          + " as HEAD has them (git reset -q && git checkout -- .) if nothing else changed them, remove " + record
          + " (rm -f " + quote(record.toString()) + "), then resume");
    }
    Map<String, Entry> from = new LinkedHashMap<>();
    Map<String, Entry> to = new LinkedHashMap<>();
    Map<String, Entry> wanted = new LinkedHashMap<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      if (!reader.has(intent.from()) || !reader.has(intent.to())) {
        // The step writes its objects before its record: without them it wrote nothing into the work tree.
        CheckoutIntent.end(repo);
        return Optional.empty();
      }
      if (!intent.from().equals(intent.to())) {
        try (TreeWalk tw = new TreeWalk(reader)) {
          tw.addTree(intent.from());
          tw.addTree(intent.to());
          tw.setRecursive(true);
          tw.setFilter(TreeFilter.ANY_DIFF);
          while (tw.next()) {
            from.put(tw.getPathString(), Entry.of(tw.getFileMode(0), tw.getObjectId(0)));
            to.put(tw.getPathString(), Entry.of(tw.getFileMode(1), tw.getObjectId(1)));
          }
        }
      }
      boolean headIsFrom = intent.from().equals(head);
      boolean headIsTo = intent.to().equals(head);
      for (String path : from.keySet()) {
        DirCacheEntry e = dc.getEntry(path);
        Entry inIndex = e == null ? Entry.ABSENT : Entry.of(e.getFileMode(), e.getObjectId());
        if (intent.movesHead()) {
          if (!headIsFrom && !headIsTo) {
            return Optional.of("HEAD of " + root + " moved to another commit since " + work + " was cut off; put the"
                + " files it was changing back by hand (git status lists them), remove " + record + " (rm -f "
                + quote(record.toString()) + "), then resume");
          }
          wanted.put(path, headIsTo ? to.get(path) : from.get(path));
        } else {
          if (!inIndex.equals(from.get(path)) && !inIndex.equals(to.get(path))) {
            return Optional.of("the index entry of " + path + " in " + root + " is neither what it was before " + work
                + " nor what the step was writing: someone else staged it; unstage it (git restore --staged "
                + quote(path) + "), remove " + record + " (rm -f " + quote(record.toString()) + "), then resume");
          }
          wanted.put(path, inIndex);
        }
      }
      boolean fileMode = repo.getFS().supportsExecute() && repo.getConfig().getBoolean(
          ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_FILEMODE, true);
      ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
      List<String> foreign = new ArrayList<>();
      List<String> rewrite = new ArrayList<>();
      for (String path : from.keySet()) {
        Entry now = onDisk(root.resolve(path), hasher);
        if (now == null) {
          foreign.add(path);
        } else if (!now.sameContent(wanted.get(path))) {
          if (now.sameContent(from.get(path)) || now.sameContent(to.get(path)) || now.absent()) {
            rewrite.add(path);
          } else {
            foreign.add(path);
          }
        } else if (fileMode && !now.absent() && !now.sameMode(wanted.get(path))) {
          rewrite.add(path);
        }
      }
      if (!foreign.isEmpty()) {
        return Optional.of("the work tree of " + root + " has changes to " + String.join(", ", foreign) + " that are"
            + " neither what was there before " + work + " nor what it was writing, so someone else made them: keep"
            + " what you need (git stash), put them back (git checkout HEAD -- " + String.join(" ", quoteAll(foreign))
            + "), then resume");
      }
      for (String path : from.keySet()) {
        removeLeftovers(root.resolve(path));
      }
      for (String path : rewrite) {
        write(root, path, wanted.get(path), reader, fileMode);
      }
      List<String> reindexed = new ArrayList<>();
      DirCache locked = repo.lockDirCache();
      try {
        DirCacheEditor editor = locked.editor();
        for (String path : from.keySet()) {
          Entry w = wanted.get(path);
          DirCacheEntry e = locked.getEntry(path);
          Entry inIndex = e == null ? Entry.ABSENT : Entry.of(e.getFileMode(), e.getObjectId());
          if (!inIndex.equals(w)) {
            reindexed.add(path);
          }
          if (w.absent()) {
            if (e != null) {
              editor.add(new DirCacheEditor.DeletePath(path));
            }
            continue;
          }
          BasicFileAttributes a = Files.readAttributes(root.resolve(path), BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
              ent.setFileMode(w.mode());
              ent.setObjectId(w.id());
              ent.setLength(a.size());
              ent.setLastModified(a.lastModifiedTime().toInstant());
            }
          });
        }
        editor.finish();
        locked.write();
        if (!locked.commit()) {
          return Optional.of("could not write the index of " + root + " while putting back what " + work + " left;"
              + " resume again");
        }
      } finally {
        locked.unlock();
      }
      if (!rewrite.isEmpty()) {
        actions.add("put back " + rewrite.size() + " file" + (rewrite.size() == 1 ? "" : "s") + " that " + work
            + " had half-written, as " + (intent.movesHead() ? "HEAD" : "the index") + " has them: "
            + String.join(", ", rewrite));
      }
      if (!reindexed.isEmpty()) {
        actions.add("rebuilt the index entries of " + String.join(", ", reindexed) + " from HEAD");
      }
    }
    CheckoutIntent.end(repo);
    return Optional.empty();
  }

  /** A tree entry: mode and id, or absent. */
  private record Entry(FileMode mode, ObjectId id) {
    static final Entry ABSENT = new Entry(FileMode.MISSING, ObjectId.zeroId());

    static Entry of(FileMode mode, ObjectId id) {
      return mode == FileMode.MISSING ? ABSENT : new Entry(mode, id.copy());
    }

    boolean absent() {
      return mode == FileMode.MISSING;
    }

    boolean sameContent(Entry o) {
      return absent() ? o.absent() : !o.absent() && id.equals(o.id) && (mode == FileMode.SYMLINK)
          == (o.mode == FileMode.SYMLINK);
    }

    boolean sameMode(Entry o) {
      return mode == o.mode;
    }
  }

  /** What a path holds on disk, as an entry; null for something no step writes there (a directory, say). */
  private static Entry onDisk(Path file, ObjectInserter.Formatter hasher) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Entry.ABSENT;
    }
    if (a.isSymbolicLink()) {
      byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
      return Entry.of(FileMode.SYMLINK, hasher.idFor(Constants.OBJ_BLOB, target));
    }
    if (!a.isRegularFile()) {
      return null;
    }
    boolean exec = Files.isExecutable(file);
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return Entry.of(exec ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE,
          hasher.idFor(Constants.OBJ_BLOB, a.size(), in));
    }
  }

  /** Removes the temporary files a cut-off write of this path left beside it. */
  private static void removeLeftovers(Path file) throws IOException {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    String prefix = "." + file.getFileName() + ".";
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix) && n.endsWith(".rollback-tmp");
    })) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void write(Path root, String path, Entry e, ObjectReader reader, boolean fileMode)
      throws IOException {
    Path p = root.resolve(path);
    if (e.absent()) {
      Files.deleteIfExists(p);
      Path d = p.getParent();
      while (d != null && !d.equals(root) && d.startsWith(root)) {
        try {
          Files.delete(d);
        } catch (DirectoryNotEmptyException | NoSuchFileException x) {
          break;
        }
        d = d.getParent();
      }
      return;
    }
    Files.createDirectories(p.getParent());
    byte[] content = reader.open(e.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    if (e.mode() == FileMode.SYMLINK) {
      Files.deleteIfExists(p);
      Files.createSymbolicLink(p, Path.of(new String(content, StandardCharsets.UTF_8)));
      return;
    }
    Path tmp = p.resolveSibling("." + p.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".rollback-tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      if (fileMode) {
        Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(tmp));
        if (e.mode() == FileMode.EXECUTABLE_FILE) {
          perms.add(PosixFilePermission.OWNER_EXECUTE);
        } else {
          perms.remove(PosixFilePermission.OWNER_EXECUTE);
          perms.remove(PosixFilePermission.GROUP_EXECUTE);
          perms.remove(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(tmp, perms);
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(p + " is a directory where " + path + " should be a file");
      }
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static List<String> quoteAll(List<String> paths) {
    List<String> out = new ArrayList<>();
    paths.forEach(p -> out.add(quote(p)));
    return out;
  }
}
