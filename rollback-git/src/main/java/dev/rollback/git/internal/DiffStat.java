package dev.rollback.git.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.util.io.NullOutputStream;

/** What changes between two trees, file by file with line counts, as {@code git diff --stat} reports it. */
final class DiffStat {

  private DiffStat() {}

  /**
   * The changes between two trees.
   *
   * @param reader a reader that sees both trees
   * @param config the repository's configuration
   * @param from the old tree
   * @param to the new tree
   * @return one map per changed file: {@code path}, {@code change} (A, M, D, R), {@code oldBlob} and
   *     {@code newBlob} ids, {@code added} and {@code deleted} lines (-1 for binary files), and {@code oldPath} for
   *     renames
   */
  static List<Map<String, Object>> files(ObjectReader reader, Config config, ObjectId from, ObjectId to)
      throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (from.equals(to)) {
      return out;
    }
    try (DiffFormatter df = new DiffFormatter(NullOutputStream.INSTANCE)) {
      df.setReader(reader, config);
      df.setDetectRenames(true);
      for (DiffEntry e : df.scan(from, to)) {
        FileHeader fh = df.toFileHeader(e);
        Map<String, Object> m = new LinkedHashMap<>();
        String path = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
        m.put("path", path);
        m.put("change", e.getChangeType().name().substring(0, 1));
        if (e.getChangeType() == DiffEntry.ChangeType.RENAME || e.getChangeType() == DiffEntry.ChangeType.COPY) {
          m.put("oldPath", e.getOldPath());
        }
        if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
          m.put("oldBlob", e.getOldId().name());
        }
        if (e.getChangeType() != DiffEntry.ChangeType.DELETE) {
          m.put("newBlob", e.getNewId().name());
        }
        if (fh.getPatchType() == FileHeader.PatchType.BINARY || fh.getPatchType() == FileHeader.PatchType.GIT_BINARY) {
          m.put("added", -1);
          m.put("deleted", -1);
        } else {
          int added = 0;
          int deleted = 0;
          for (Edit edit : fh.toEditList()) {
            added += edit.getLengthB();
            deleted += edit.getLengthA();
          }
          m.put("added", added);
          m.put("deleted", deleted);
        }
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The summary line, as {@code git diff --shortstat} prints it.
   *
   * @param files what {@link #files} returned
   * @return such as {@code 2 files changed, 3 insertions(+), 1 deletion(-)}
   */
  static String summary(List<Map<String, Object>> files) {
    int added = 0;
    int deleted = 0;
    for (Map<String, Object> f : files) {
      added += Math.max(0, (Integer) f.get("added"));
      deleted += Math.max(0, (Integer) f.get("deleted"));
    }
    StringBuilder b = new StringBuilder();
    b.append(files.size()).append(files.size() == 1 ? " file changed" : " files changed");
    if (added > 0 || files.isEmpty()) {
      b.append(", ").append(added).append(added == 1 ? " insertion(+)" : " insertions(+)");
    }
    if (deleted > 0) {
      b.append(", ").append(deleted).append(deleted == 1 ? " deletion(-)" : " deletions(-)");
    }
    return b.toString();
  }

  /**
   * The changed paths only.
   *
   * @param files what {@link #files} returned
   * @return the paths
   */
  static List<String> paths(List<Map<String, Object>> files) {
    List<String> out = new ArrayList<>();
    files.forEach(f -> out.add((String) f.get("path")));
    return out;
  }
}
