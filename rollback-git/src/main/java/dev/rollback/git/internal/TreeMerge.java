package dev.rollback.git.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A three-way merge of trees computed entirely in memory, as {@code git merge-ort} computes it for
 * {@code git revert} and {@code git cherry-pick}.
 *
 * <p>JGit's {@link ResolveMerger} does the path-by-path and line-by-line work. Two things are added so the result
 * is the tree git would produce: git's default line diff for merges (Myers, unless {@code diff.algorithm} says
 * otherwise; JGit defaults to histogram), and git's rename handling, which JGit's merger lacks ({@link GitRenames}
 * pairs files as git does). A file renamed on one side and changed on the other is merged into its new name; a
 * rename on one side and a deletion on the other is a conflict at the new name ({@code CONFLICT (rename/delete)});
 * two different renames of one file conflict at the source and both targets ({@code CONFLICT (rename/rename)}); a
 * file added into a directory the other side renamed away is a conflict at the new location
 * ({@code CONFLICT (file location)}, git's default {@code merge.directoryRenames=conflict}).
 */
public final class TreeMerge {

  /**
   * The outcome of a merge.
   *
   * @param tree the merged tree, when clean
   * @param conflicts the conflicting paths, sorted; empty when clean
   */
  public record Result(ObjectId tree, List<String> conflicts) {

    /**
     * Whether the merge is clean.
     *
     * @return {@code true} without conflicts
     */
    public boolean clean() {
      return conflicts.isEmpty();
    }
  }

  private final MemoryInserter inserter;
  private final Config config;
  private final int renameLimit;

  /**
   * Creates a merge over an in-memory inserter.
   *
   * @param inserter where merged blobs and trees go; its reader also sees the repository's objects
   * @param config the repository's configuration ({@code diff.algorithm}, {@code merge.renameLimit})
   */
  public TreeMerge(MemoryInserter inserter, Config config) {
    this.inserter = inserter;
    this.config = config;
    this.renameLimit = config.getInt(ConfigConstants.CONFIG_MERGE_SECTION, null, "renameLimit", 7000);
  }

  /**
   * The id of the empty tree, inserted so mergers can read it.
   *
   * @return the empty tree's id
   * @throws IOException never in practice
   */
  public ObjectId emptyTree() throws IOException {
    return inserter.insert(new TreeFormatter());
  }

  /**
   * Merges {@code theirs} into {@code ours} relative to {@code base}.
   *
   * @param base the common ancestor's tree
   * @param ours our tree
   * @param theirs their tree
   * @return the merged tree, or the conflicting paths
   * @throws IOException when objects cannot be read
   */
  public Result merge(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
    try (ObjectReader reader = inserter.newReader()) {
      List<DiffEntry> oursChanges = changes(reader, base, ours);
      List<DiffEntry> theirsChanges = changes(reader, base, theirs);
      boolean oursMay = addsAndDeletes(oursChanges);
      boolean theirsMay = addsAndDeletes(theirsChanges);
      if (!oursMay && !theirsMay) {
        return resolve(base, ours, theirs, Set.of());
      }
      Set<String> baseDirs = dirs(files(reader, base));
      Set<String> oursRemoved = oursMay ? removed(baseDirs, dirs(files(reader, ours))) : Set.of();
      Set<String> theirsRemoved = theirsMay ? removed(baseDirs, dirs(files(reader, theirs))) : Set.of();
      Set<String> oursTouched = touched(oursChanges);
      Set<String> theirsTouched = touched(theirsChanges);
      List<String[]> oursRenames = oursMay ? GitRenames.detect(reader, oursChanges, renameLimit,
          p -> theirsTouched.contains(p) || oursRemoved.contains(parent(p))) : List.of();
      List<String[]> theirsRenames = theirsMay ? GitRenames.detect(reader, theirsChanges, renameLimit,
          p -> oursTouched.contains(p) || theirsRemoved.contains(parent(p))) : List.of();
      if (oursRenames.isEmpty() && theirsRenames.isEmpty()) {
        return resolve(base, ours, theirs, Set.of());
      }
      Set<String> conflicts = new TreeSet<>();
      // Directory renames first: they move the other side's new files and rename targets (CONFLICT (file location)).
      Map<String, String> oursDirs = dirRenames(oursRenames, oursRemoved);
      Map<String, String> theirsDirs = dirRenames(theirsRenames, theirsRemoved);
      for (String dir : new ArrayList<>(oursDirs.keySet())) {
        if (theirsDirs.containsKey(dir)) {
          oursDirs.remove(dir);
          theirsDirs.remove(dir);
        }
      }
      Side o = new Side(oursChanges, oursRenames, theirsDirs, oursDirs, conflicts);
      Side t = new Side(theirsChanges, theirsRenames, oursDirs, theirsDirs, conflicts);

      Map<String, String> baseMoves = new HashMap<>();
      Map<String, String> oursMoves = new HashMap<>(o.selfMoves);
      Map<String, String> theirsMoves = new HashMap<>(t.selfMoves);
      Set<String> handled = new HashSet<>();
      align(o, t, baseMoves, theirsMoves, conflicts, handled);
      align(t, o, baseMoves, oursMoves, conflicts, handled);
      if (baseMoves.isEmpty() && oursMoves.isEmpty() && theirsMoves.isEmpty()) {
        return resolve(base, ours, theirs, conflicts);
      }
      ObjectId alignedBase;
      ObjectId alignedOurs;
      ObjectId alignedTheirs;
      try {
        alignedBase = baseMoves.isEmpty() ? base : move(reader, base, baseMoves);
        alignedOurs = oursMoves.isEmpty() ? ours : move(reader, ours, oursMoves);
        alignedTheirs = theirsMoves.isEmpty() ? theirs : move(reader, theirs, theirsMoves);
      } catch (RuntimeException e) {
        // Two files meet at one path: git reports the paths above as conflicts; there is nothing to merge.
        if (conflicts.isEmpty()) {
          throw new IOException("renamed files collide: " + e.getMessage(), e);
        }
        return new Result(null, List.copyOf(conflicts));
      }
      return resolve(alignedBase, alignedOurs, alignedTheirs, conflicts);
    }
  }

  /** What one side did to the base, with its new paths moved by the other side's directory renames. */
  private static final class Side {
    /** Renames: old path to (remapped) new path. */
    final Map<String, String> renames = new java.util.LinkedHashMap<>();
    /** Old paths this side deleted (not renamed). */
    final Set<String> deleted = new HashSet<>();
    /** Old paths this side modified in place. */
    final Set<String> modified = new HashSet<>();
    /** Paths this side added (not rename targets), remapped. */
    final Set<String> added = new HashSet<>();
    /** Moves of this side's own files to where the other side's directory renames put them. */
    final Map<String, String> selfMoves = new HashMap<>();

    Side(List<DiffEntry> changes, List<String[]> renameList, Map<String, String> otherDirs,
        Map<String, String> ownDirs, Set<String> conflicts) {
      Set<String> renamedFrom = new HashSet<>();
      Set<String> renamedTo = new HashSet<>();
      for (String[] r : renameList) {
        String target = remap(r[1], otherDirs, ownDirs);
        if (!target.equals(r[1])) {
          conflicts.add(target);
          selfMoves.put(r[1], target);
        }
        renames.put(r[0], target);
        renamedFrom.add(r[0]);
        renamedTo.add(r[1]);
      }
      for (DiffEntry e : changes) {
        switch (e.getChangeType()) {
          case ADD:
            if (!renamedTo.contains(e.getNewPath())) {
              String target = remap(e.getNewPath(), otherDirs, ownDirs);
              if (!target.equals(e.getNewPath())) {
                conflicts.add(target);
                selfMoves.put(e.getNewPath(), target);
              }
              added.add(target);
            }
            break;
          case DELETE:
            if (!renamedFrom.contains(e.getOldPath())) {
              deleted.add(e.getOldPath());
            }
            break;
          default:
            modified.add(e.getOldPath());
        }
      }
    }
  }

  /**
   * A path moved by the deepest of the other side's directory renames among its ancestors, or the path itself. As
   * in git, a path is not moved into a directory that its own side renamed away (that would only make a spurious
   * rename/rename conflict).
   */
  private static String remap(String path, Map<String, String> renamedDirs, Map<String, String> ownDirs) {
    if (renamedDirs.isEmpty()) {
      return path;
    }
    for (String dir = parent(path); !dir.isEmpty(); dir = parent(dir)) {
      String to = renamedDirs.get(dir);
      if (to != null) {
        if (ownDirs.containsKey(to)) {
          return path;
        }
        String rest = path.substring(dir.length() + 1);
        return to.isEmpty() ? rest : to + "/" + rest;
      }
    }
    return path;
  }

  /**
   * For each rename on one side whose source the other side touched: move the file in the base and on the other
   * side to the new name, so the merger merges contents at the new name; or record git's rename conflicts
   * (rename/delete, rename/rename, rename/add).
   */
  private static void align(Side side, Side other, Map<String, String> baseMoves, Map<String, String> otherMoves,
      Set<String> conflicts, Set<String> handled) {
    for (Map.Entry<String, String> r : side.renames.entrySet()) {
      String from = r.getKey();
      String to = r.getValue();
      if (!handled.add(from)) {
        continue;
      }
      if (other.renames.containsKey(from)) {
        String otherTo = other.renames.get(from);
        if (otherTo.equals(to)) {
          baseMoves.put(from, to);
        } else {
          // git: CONFLICT (rename/rename), the source unmerged too (both sides deleted it)
          conflicts.add(from);
          conflicts.add(to);
          conflicts.add(otherTo);
        }
      } else if (other.deleted.contains(from)) {
        conflicts.add(to);
      } else if (other.added.contains(to)) {
        conflicts.add(to);
      } else if (other.modified.contains(from)) {
        baseMoves.put(from, to);
        otherMoves.put(from, to);
      }
    }
  }

  /**
   * Which removed directories a side renamed, and where: for each file rename, its directory (and the ancestors
   * whose trailing names match, while they were removed too) counts as renamed to the new directory; the directory
   * goes where most of its files went. A tie names no destination.
   */
  private static Map<String, String> dirRenames(List<String[]> renames, Set<String> removed) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (String[] r : renames) {
      String oldDir = parent(r[0]);
      String newDir = parent(r[1]);
      while (removed.contains(oldDir)) {
        counts.computeIfAbsent(oldDir, k -> new HashMap<>()).merge(newDir, 1, Integer::sum);
        if (oldDir.isEmpty() || newDir.isEmpty() || !name(oldDir).equals(name(newDir))) {
          break;
        }
        oldDir = parent(oldDir);
        newDir = parent(newDir);
      }
    }
    Map<String, String> out = new HashMap<>();
    counts.forEach((dir, targets) -> {
      int max = 0;
      String best = null;
      boolean tie = false;
      for (Map.Entry<String, Integer> e : targets.entrySet()) {
        if (e.getValue() > max) {
          max = e.getValue();
          best = e.getKey();
          tie = false;
        } else if (e.getValue() == max) {
          tie = true;
        }
      }
      if (!tie && best != null) {
        out.put(dir, best);
      }
    });
    return out;
  }

  private static Set<String> removed(Set<String> baseDirs, Set<String> sideDirs) {
    Set<String> out = new HashSet<>(baseDirs);
    out.removeAll(sideDirs);
    return out;
  }

  private static Set<String> dirs(List<String> files) {
    Set<String> out = new HashSet<>();
    for (String f : files) {
      for (String d = parent(f); !d.isEmpty() && out.add(d); d = parent(d)) {
        // every ancestor directory
      }
    }
    return out;
  }

  /**
   * The conflicting paths, each with its kind as git names it: {@code modify/delete} (one side deleted the file,
   * the other changed it) or {@code add/add}; a content conflict is named alone.
   *
   * @param reader reads the trees
   * @param base the merge base's tree
   * @param ours HEAD's tree
   * @param theirs the tree of the change applied
   * @param paths the conflicting paths
   * @param change the change applied, in words ({@code the revert})
   * @return the paths with their kinds, in the same order
   * @throws IOException when a tree cannot be read
   */
  static List<String> describe(ObjectReader reader, ObjectId base, ObjectId ours, ObjectId theirs,
      List<String> paths, String change) throws IOException {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      ObjectId b = entry(reader, base, path);
      ObjectId o = entry(reader, ours, path);
      ObjectId t = entry(reader, theirs, path);
      String kind = null;
      if (b != null && o == null && t != null && !t.equals(b)) {
        kind = "modify/delete: deleted on HEAD, modified by " + change;
      } else if (b != null && t == null && o != null && !o.equals(b)) {
        kind = "modify/delete: modified on HEAD, deleted by " + change;
      } else if (b == null && o != null && t != null && !o.equals(t)) {
        kind = "add/add: added differently on HEAD and by " + change;
      }
      out.add(kind == null ? path : path + " (" + kind + ")");
    }
    return out;
  }

  private static ObjectId entry(ObjectReader reader, ObjectId tree, String path) throws IOException {
    if (tree == null) {
      return null;
    }
    try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
      return tw == null ? null : tw.getObjectId(0);
    }
  }

  private static List<String> files(ObjectReader reader, ObjectId tree) throws IOException {
    List<String> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      while (tw.next()) {
        out.add(tw.getPathString());
      }
    }
    return out;
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private Result resolve(ObjectId base, ObjectId ours, ObjectId theirs, Set<String> extraConflicts)
      throws IOException {
    InCoreMerger m = new InCoreMerger(inserter, config);
    m.setBase(base);
    boolean clean = m.merge(ours, theirs);
    Set<String> conflicts = new TreeSet<>(extraConflicts);
    if (!clean) {
      conflicts.addAll(m.getUnmergedPaths());
      if (m.getFailingPaths() != null) {
        conflicts.addAll(m.getFailingPaths().keySet());
      }
      if (conflicts.isEmpty()) {
        throw new IOException("the merge failed without naming a conflicting path");
      }
    }
    if (!conflicts.isEmpty()) {
      return new Result(null, List.copyOf(conflicts));
    }
    return new Result(m.getResultTreeId(), List.of());
  }

  private static List<DiffEntry> changes(ObjectReader reader, ObjectId a, ObjectId b) throws IOException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(a);
      tw.addTree(b);
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      return DiffEntry.scan(tw);
    }
  }

  private static boolean addsAndDeletes(List<DiffEntry> changes) {
    boolean adds = false;
    boolean deletes = false;
    for (DiffEntry e : changes) {
      adds |= e.getChangeType() == ChangeType.ADD;
      deletes |= e.getChangeType() == ChangeType.DELETE;
    }
    return adds && deletes;
  }

  /** The base paths a side modified or deleted. */
  private static Set<String> touched(List<DiffEntry> changes) {
    Set<String> out = new HashSet<>();
    for (DiffEntry e : changes) {
      if (e.getChangeType() != ChangeType.ADD) {
        out.add(e.getOldPath());
      }
    }
    return out;
  }

  /** A copy of the tree with some files moved to new paths. */
  private ObjectId move(ObjectReader reader, ObjectId tree, Map<String, String> moves) throws IOException {
    DirCache dc = DirCache.newInCore();
    DirCacheBuilder b = dc.builder();
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      while (tw.next()) {
        String path = tw.getPathString();
        String target = moves.getOrDefault(path, path);
        DirCacheEntry e = new DirCacheEntry(target);
        e.setFileMode(tw.getFileMode(0));
        e.setObjectId(tw.getObjectId(0));
        b.add(e);
      }
    }
    b.finish();
    return dc.writeTree(inserter);
  }

  /** JGit's resolve merger, in memory, with git's default line diff. */
  private static final class InCoreMerger extends ResolveMerger {
    InCoreMerger(MemoryInserter inserter, Config config) {
      super(inserter, config);
      SupportedAlgorithm alg = config.getEnum(ConfigConstants.CONFIG_DIFF_SECTION, null,
          ConfigConstants.CONFIG_KEY_ALGORITHM, SupportedAlgorithm.MYERS);
      this.mergeAlgorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(alg));
    }
  }
}
