package dev.rollback.git.internal;

import dev.rollback.git.DirtyWorkTreeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig.AutoCRLF;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Whether the index and the tracked files hold uncommitted changes, as {@code git status} decides it for tracked
 * files, without walking the whole work tree.
 *
 * <p>Only the files the index tracks are looked at: each is stat-ed and compared with its index entry (type, size,
 * executable bit, modification time); a file whose stat differs, or that is "racily clean" (modified no earlier than
 * the index was written), has its content hashed and compared, as git does. Untracked files are not changes: git
 * reverts and cherry-picks over them, refusing only to overwrite one, and so does the adapter. Repositories that
 * transform content on checkout (a {@code .gitattributes} file, {@code core.autocrlf}) are checked through JGit's
 * full {@link IndexDiff} instead, so filters are honoured.
 */
public final class WorkTreeStatus {

  /**
   * What is uncommitted.
   *
   * @param inProgress the operation in progress ({@code MERGING}, {@code REVERTING}...), or {@code null}
   * @param staged paths whose index entry differs from HEAD
   * @param unstaged tracked paths whose file differs from the index (modified, deleted, type changed)
   * @param unmerged paths with conflict stages in the index
   * @param total how many dirty paths there are, even beyond the lists' limit
   */
  public record Report(String inProgress, List<String> staged, List<String> unstaged, List<String> unmerged,
      int total) {

    /**
     * Whether nothing is uncommitted.
     *
     * @return {@code true} when clean
     */
    public boolean clean() {
      return inProgress == null && total == 0;
    }

    /**
     * Whether the work tree matches the index (staged changes allowed).
     *
     * @return {@code true} when no tracked file differs from the index and nothing is unmerged
     */
    public boolean matchesIndex() {
      return inProgress == null && unstaged.isEmpty() && unmerged.isEmpty();
    }

    /**
     * Every dirty path listed, sorted.
     *
     * @return the paths
     */
    public List<String> paths() {
      Set<String> all = new TreeSet<>(staged);
      all.addAll(unstaged);
      all.addAll(unmerged);
      return List.copyOf(all);
    }

    /**
     * The report in a sentence, naming the paths.
     *
     * @param repo where, for the message
     * @return the text
     */
    public String describe(Path repo) {
      StringBuilder b = new StringBuilder();
      if (inProgress != null) {
        b.append(operation(inProgress)).append(" is in progress in '").append(repo).append("'");
        if (total == 0) {
          return b.append("; ").append(howToEnd(inProgress)).append(" first").toString();
        }
        b.append(", with ");
      } else {
        b.append("the work tree of '").append(repo).append("' has ");
      }
      b.append(total).append(" uncommitted change").append(total == 1 ? "" : "s");
      List<String> parts = new ArrayList<>();
      if (!staged.isEmpty()) {
        parts.add("staged: " + String.join(", ", staged));
      }
      if (!unstaged.isEmpty()) {
        parts.add("modified: " + String.join(", ", unstaged));
      }
      if (!unmerged.isEmpty()) {
        parts.add("unmerged: " + String.join(", ", unmerged));
      }
      b.append(" (").append(String.join("; ", parts));
      int listed = staged.size() + unstaged.size() + unmerged.size();
      if (listed < total) {
        b.append("; and ").append(total - listed).append(" more");
      }
      return b.append(inProgress != null ? "); " + howToEnd(inProgress) + " first; Rollback never resets them"
          : "); commit or stash them first, Rollback never resets them").toString();
    }

    /** The operation a repository state stands for, as people say it. */
    private static String operation(String state) {
      if (state.startsWith("MERGING")) {
        return "a merge";
      }
      if (state.startsWith("CHERRY_PICKING")) {
        return "a cherry-pick";
      }
      if (state.startsWith("REVERTING")) {
        return "a revert";
      }
      if (state.startsWith("REBASING")) {
        return "a rebase";
      }
      if (state.equals("APPLY")) {
        return "a git am";
      }
      if (state.equals("BISECTING")) {
        return "a bisect";
      }
      return "a " + state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " operation";
    }

    /** How to end the operation with git, in words. */
    private static String howToEnd(String state) {
      if (state.startsWith("MERGING")) {
        return "finish it (resolve, git add, git commit) or abort it (git merge --abort)";
      }
      if (state.startsWith("CHERRY_PICKING")) {
        return "finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort)";
      }
      if (state.startsWith("REVERTING")) {
        return "finish it (git revert --continue) or abort it (git revert --abort)";
      }
      if (state.startsWith("REBASING")) {
        return "finish it (git rebase --continue) or abort it (git rebase --abort)";
      }
      if (state.equals("APPLY")) {
        return "finish it (git am --continue) or abort it (git am --abort)";
      }
      if (state.equals("BISECTING")) {
        return "end it (git bisect reset)";
      }
      return "finish or abort it";
    }
  }

  private static final int LIMIT = 20;

  private WorkTreeStatus() {}

  /**
   * Looks at the index and tracked files.
   *
   * @param repo the repository, with a work tree
   * @param reader a reader of its objects
   * @param headTree HEAD's tree to compare the index with, or {@code null} to accept staged changes
   * @return the report
   * @throws IOException when the index or files cannot be read
   */
  public static Report scan(Repository repo, ObjectReader reader, ObjectId headTree) throws IOException {
    return scan(repo, reader, headTree, true);
  }

  /**
   * Looks at the index and, when asked, at every tracked file.
   *
   * @param repo the repository, with a work tree
   * @param reader a reader of its objects
   * @param headTree HEAD's tree to compare the index with, or {@code null} to accept staged changes
   * @param files whether to compare every tracked file with its index entry
   * @return the report
   * @throws IOException when the index or files cannot be read
   */
  public static Report scan(Repository repo, ObjectReader reader, ObjectId headTree, boolean files)
      throws IOException {
    RepositoryState state = repo.getRepositoryState();
    String inProgress = state == RepositoryState.SAFE || state == RepositoryState.BARE ? null : state.name();
    DirCache dc = repo.readDirCache();
    if (needsFilters(repo, dc)) {
      return viaIndexDiff(repo, headTree, inProgress);
    }
    Counter staged = new Counter();
    Counter unstaged = new Counter();
    Counter unmerged = new Counter();
    if (headTree != null) {
      try (TreeWalk tw = new TreeWalk(reader)) {
        tw.addTree(headTree.equals(ObjectId.zeroId()) ? new EmptyTreeIterator() : treeParser(reader, headTree));
        tw.addTree(new DirCacheIterator(dc));
        tw.setRecursive(true);
        tw.setFilter(TreeFilter.ANY_DIFF);
        String last = null;
        while (tw.next()) {
          DirCacheIterator entry = tw.getTree(1, DirCacheIterator.class);
          // A path in conflict has up to three stages in the index: it is reported once, as unmerged.
          if (entry != null && entry.getDirCacheEntry() != null
              && entry.getDirCacheEntry().getStage() != DirCacheEntry.STAGE_0) {
            continue;
          }
          String path = tw.getPathString();
          if (!path.equals(last)) {
            staged.add(path);
            last = path;
          }
        }
      }
    }
    if (!files) {
      for (int i = 0; i < dc.getEntryCount(); i++) {
        DirCacheEntry e = dc.getEntry(i);
        if (e.getStage() != DirCacheEntry.STAGE_0 && !unmerged.paths.contains(e.getPathString())) {
          unmerged.add(e.getPathString());
        }
      }
      int total = staged.count + unmerged.count;
      return new Report(inProgress, staged.paths, List.of(), unmerged.paths, total);
    }
    Path root = repo.getWorkTree().toPath();
    Instant indexTime = Files.getLastModifiedTime(repo.getIndexFile().toPath()).toInstant();
    Config cfg = repo.getConfig();
    boolean fileMode = repo.getFS().supportsExecute()
        && cfg.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_FILEMODE, true);
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
    String lastUnmerged = null;
    for (int i = 0; i < dc.getEntryCount(); i++) {
      DirCacheEntry e = dc.getEntry(i);
      String path = e.getPathString();
      if (e.getStage() != DirCacheEntry.STAGE_0) {
        if (!path.equals(lastUnmerged)) {
          unmerged.add(path);
          lastUnmerged = path;
        }
        continue;
      }
      if (e.isAssumeValid() || e.isSkipWorkTree() || e.getFileMode() == FileMode.GITLINK) {
        continue;
      }
      if (e.isIntentToAdd() || !matches(root.resolve(path), e, indexTime, fileMode, posix, hasher)) {
        unstaged.add(path);
      }
    }
    int total = staged.count + unstaged.count + unmerged.count;
    return new Report(inProgress, staged.paths, unstaged.paths, unmerged.paths, total);
  }

  /**
   * Refuses uncommitted changes with a message listing them.
   *
   * @param repo the repository
   * @param reader a reader
   * @param headTree HEAD's tree, or {@code null} to accept staged changes (work tree must match the index)
   * @throws DirtyWorkTreeException listing the dirty paths
   * @throws IOException when the index or files cannot be read
   */
  public static void requireClean(Repository repo, ObjectReader reader, ObjectId headTree) throws IOException {
    requireClean(repo, reader, headTree, true);
  }

  /**
   * Refuses uncommitted changes, looking at every tracked file or only at the index.
   *
   * @param repo the repository
   * @param reader a reader
   * @param headTree HEAD's tree, or {@code null} to accept staged changes
   * @param files whether to compare every tracked file with its index entry
   * @throws DirtyWorkTreeException listing the dirty paths
   * @throws IOException when the index or files cannot be read
   */
  public static void requireClean(Repository repo, ObjectReader reader, ObjectId headTree, boolean files)
      throws IOException {
    Report r = scan(repo, reader, headTree, files);
    if (headTree == null ? !r.matchesIndex() : !r.clean()) {
      String cutOff = "";
      try {
        cutOff = CheckoutIntent.read(repo).map(i -> "; run " + i.runId() + " was cut off while changing files here:"
            + " resume it (rollback resume " + i.runId() + "), which puts back what it half-wrote").orElse("");
      } catch (IOException e) {
        // an unreadable record adds nothing to the message
      }
      throw new DirtyWorkTreeException(r.describe(repo.getWorkTree().toPath()) + cutOff, r.paths());
    }
  }

  /**
   * Whether a tracked file on disk still holds what its index entry records: the same type, executable bit, size and
   * modification time, or, when the stat cannot tell (a racily clean entry, a changed time), the same content.
   */
  static boolean matches(Path file, DirCacheEntry e, Instant indexTime, boolean fileMode, boolean posix,
      ObjectInserter.Formatter hasher) throws IOException {
    BasicFileAttributes a;
    try {
      a = posix ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException ex) {
      return false;
    }
    FileMode mode = e.getFileMode();
    if (mode == FileMode.SYMLINK) {
      if (!a.isSymbolicLink()) {
        return false;
      }
      byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
      return hasher.idFor(Constants.OBJ_BLOB, target).equals(e.getObjectId());
    }
    if (!a.isRegularFile()) {
      return false;
    }
    if (fileMode && posix) {
      boolean exec = ((PosixFileAttributes) a).permissions().contains(PosixFilePermission.OWNER_EXECUTE);
      if (exec != (mode == FileMode.EXECUTABLE_FILE)) {
        return false;
      }
    }
    long size = a.size();
    boolean maybeSmudged = e.getLength() == 0 && size != 0;
    if (e.getLength() != (int) size && !maybeSmudged) {
      return false;
    }
    Instant recorded = e.getLastModifiedInstant();
    Instant actual = a.lastModifiedTime().toInstant();
    boolean racy = !recorded.isBefore(indexTime);
    if (!maybeSmudged && !racy && sameTime(recorded, actual)) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return hasher.idFor(Constants.OBJ_BLOB, size, in).equals(e.getObjectId());
    }
  }

  /** Compares at the precision the index entry was recorded with (seconds, milli-, micro- or nanoseconds). */
  private static boolean sameTime(Instant recorded, Instant actual) {
    int nanos = recorded.getNano();
    if (recorded.getEpochSecond() != actual.getEpochSecond()) {
      return false;
    }
    if (nanos == 0) {
      return true;
    }
    if (nanos % 1_000_000 == 0) {
      return nanos / 1_000_000 == actual.getNano() / 1_000_000;
    }
    if (nanos % 1_000 == 0) {
      return nanos / 1_000 == actual.getNano() / 1_000;
    }
    return nanos == actual.getNano();
  }

  /** Whether files go through filters (line endings, attributes) between the index and the work tree. */
  static boolean needsFilters(Repository repo, DirCache dc) {
    WorkingTreeOptions opts = repo.getConfig().get(WorkingTreeOptions.KEY);
    if (opts.getAutoCRLF() != AutoCRLF.FALSE) {
      return true;
    }
    if (repo.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null,
        ConfigConstants.CONFIG_KEY_ATTRIBUTESFILE) != null) {
      return true;
    }
    if (Files.exists(repo.getDirectory().toPath().resolve("info").resolve("attributes"))) {
      return true;
    }
    // On the raw path bytes: decoding every path of a large index would cost more than the rest of the check.
    for (int i = 0; i < dc.getEntryCount(); i++) {
      if (isAttributesFile(dc.getEntry(i).getRawPath())) {
        return true;
      }
    }
    return false;
  }

  private static final byte[] ATTRIBUTES = Constants.encodeASCII(Constants.DOT_GIT_ATTRIBUTES);

  /** Whether a path is {@code .gitattributes} or ends with {@code /.gitattributes}. */
  private static boolean isAttributesFile(byte[] path) {
    int start = path.length - ATTRIBUTES.length;
    if (start < 0 || (start > 0 && path[start - 1] != '/')) {
      return false;
    }
    for (int i = 0; i < ATTRIBUTES.length; i++) {
      if (path[start + i] != ATTRIBUTES[i]) {
        return false;
      }
    }
    return true;
  }

  private static Report viaIndexDiff(Repository repo, ObjectId headTree, String inProgress) throws IOException {
    IndexDiff diff = new IndexDiff(repo, headTree == null ? ObjectId.zeroId() : headTree, new FileTreeIterator(repo));
    diff.diff();
    Counter staged = new Counter();
    Counter unstaged = new Counter();
    Counter unmerged = new Counter();
    if (headTree != null) {
      new TreeSet<>(union(diff.getAdded(), diff.getChanged(), diff.getRemoved())).forEach(staged::add);
    }
    new TreeSet<>(union(diff.getModified(), diff.getMissing(), Set.of())).forEach(unstaged::add);
    new TreeSet<>(diff.getConflicting()).forEach(unmerged::add);
    unstaged.paths.removeAll(unmerged.paths);
    int total = staged.count + unstaged.count + unmerged.count;
    return new Report(inProgress, staged.paths, unstaged.paths, unmerged.paths, total);
  }

  private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }

  private static CanonicalTreeParser treeParser(ObjectReader reader, ObjectId tree) throws IOException {
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(reader, tree);
    return p;
  }

  private static final class Counter {
    final List<String> paths = new ArrayList<>();
    int count;

    void add(String path) {
      count++;
      if (paths.size() < LIMIT) {
        paths.add(path);
      }
    }
  }
}
