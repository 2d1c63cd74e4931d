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
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.RenameDetector;
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
 * otherwise; JGit defaults to histogram), and rename detection, which JGit's merger lacks. A file renamed on one
 * side and changed on the other is merged into its new name, as git does; a rename on one side and a deletion on
 * the other is a conflict at the new name, as git reports it ({@code CONFLICT (rename/delete)}). Renames are
 * detected as {@code git diff -M50%} finds them, only for files the other side touched.
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
      List<DiffEntry> oursRenames = renames(reader, oursChanges);
      List<DiffEntry> theirsRenames = renames(reader, theirsChanges);
      if (oursRenames.isEmpty() && theirsRenames.isEmpty()) {
        return resolve(base, ours, theirs, Set.of());
      }
      Map<String, DiffEntry> oursByOld = byOldPath(oursChanges, oursRenames);
      Map<String, DiffEntry> theirsByOld = byOldPath(theirsChanges, theirsRenames);
      Set<String> oursAdded = newPaths(oursChanges);
      Set<String> theirsAdded = newPaths(theirsChanges);

      Map<String, String> baseMoves = new HashMap<>();
      Map<String, String> oursMoves = new HashMap<>();
      Map<String, String> theirsMoves = new HashMap<>();
      Set<String> conflicts = new TreeSet<>();
      Set<String> handled = new HashSet<>();
      align(oursRenames, theirsByOld, theirsAdded, baseMoves, theirsMoves, conflicts, handled);
      align(theirsRenames, oursByOld, oursAdded, baseMoves, oursMoves, conflicts, handled);
      if (baseMoves.isEmpty()) {
        return resolve(base, ours, theirs, conflicts);
      }
      ObjectId alignedBase = move(reader, base, baseMoves);
      ObjectId alignedOurs = oursMoves.isEmpty() ? ours : move(reader, ours, oursMoves);
      ObjectId alignedTheirs = theirsMoves.isEmpty() ? theirs : move(reader, theirs, theirsMoves);
      return resolve(alignedBase, alignedOurs, alignedTheirs, conflicts);
    }
  }

  /**
   * For each rename on one side whose source the other side touched: move the file in the base and on the other
   * side to the new name, so the merger merges contents at the new name; or record git's rename conflicts.
   */
  private static void align(List<DiffEntry> renames, Map<String, DiffEntry> otherByOld, Set<String> otherAdded,
      Map<String, String> baseMoves, Map<String, String> otherMoves, Set<String> conflicts, Set<String> handled) {
    for (DiffEntry r : renames) {
      String from = r.getOldPath();
      String to = r.getNewPath();
      if (!handled.add(from)) {
        continue;
      }
      DiffEntry other = otherByOld.get(from);
      if (other == null) {
        if (otherAdded.contains(to)) {
          conflicts.add(to);
        }
        continue;
      }
      switch (other.getChangeType()) {
        case DELETE:
          conflicts.add(to);
          break;
        case RENAME:
          if (other.getNewPath().equals(to)) {
            baseMoves.put(from, to);
          } else {
            conflicts.add(to);
            conflicts.add(other.getNewPath());
          }
          break;
        default:
          if (otherAdded.contains(to)) {
            conflicts.add(to);
          } else {
            baseMoves.put(from, to);
            otherMoves.put(from, to);
          }
      }
    }
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

  private List<DiffEntry> renames(ObjectReader reader, List<DiffEntry> changes) throws IOException {
    boolean adds = false;
    boolean deletes = false;
    for (DiffEntry e : changes) {
      adds |= e.getChangeType() == ChangeType.ADD;
      deletes |= e.getChangeType() == ChangeType.DELETE;
    }
    if (!adds || !deletes) {
      return List.of();
    }
    RenameDetector rd = new RenameDetector(reader, config.get(DiffConfig.KEY));
    rd.setRenameScore(50);
    rd.setRenameLimit(renameLimit);
    rd.addAll(changes);
    List<DiffEntry> detected;
    try {
      detected = rd.compute(reader, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
    } catch (org.eclipse.jgit.api.errors.CanceledException e) {
      throw new IOException("rename detection was cancelled", e);
    }
    List<DiffEntry> out = new ArrayList<>();
    for (DiffEntry e : detected) {
      if (e.getChangeType() == ChangeType.RENAME) {
        out.add(e);
      }
    }
    return out;
  }

  private static Map<String, DiffEntry> byOldPath(List<DiffEntry> changes, List<DiffEntry> renames) {
    Map<String, DiffEntry> out = new HashMap<>();
    for (DiffEntry e : changes) {
      if (e.getChangeType() != ChangeType.ADD) {
        out.put(e.getOldPath(), e);
      }
    }
    for (DiffEntry r : renames) {
      out.put(r.getOldPath(), r);
    }
    return out;
  }

  private static Set<String> newPaths(List<DiffEntry> changes) {
    Set<String> out = new HashSet<>();
    for (DiffEntry e : changes) {
      if (e.getChangeType() == ChangeType.ADD) {
        out.add(e.getNewPath());
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
