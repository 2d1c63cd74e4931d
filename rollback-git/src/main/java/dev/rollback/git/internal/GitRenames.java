package dev.rollback.git.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Rename detection as {@code git merge-ort} does it for one side of a merge (git's {@code diffcore-rename} with
 * {@code diffcore-delta} similarity), so that the same files pair up as in git, down to the rounding of the
 * similarity score: exact renames first (preferring the same file name), then files with the same unique name at
 * 75 % similarity or more, then the best pairs at 50 % or more. Empty files are never renames in a merge. JGit's
 * own rename detector hashes differently and can disagree with git on files near the threshold.
 *
 * <p>Like ort, the inexact pass only considers sources the other side touched (or whose directory disappeared);
 * ort's extra "directory rename guess" for file names that are not unique is not reproduced.
 */
final class GitRenames {

  /** git's {@code MAX_SCORE}. */
  private static final long MAX_SCORE = 60000;
  private static final int HASHBASE = 107927;
  private static final int CANDIDATES_PER_DESTINATION = 4;

  private GitRenames() {}

  /** A file on one side of the pairing. */
  private static final class FileSpec {
    final DiffEntry entry;
    final String path;
    final FileMode mode;
    final org.eclipse.jgit.lib.ObjectId id;
    long size = -1;
    int[] hashes;
    int[] counts;
    boolean used;

    FileSpec(DiffEntry entry, boolean source) {
      this.entry = entry;
      this.path = source ? entry.getOldPath() : entry.getNewPath();
      this.mode = source ? entry.getOldMode() : entry.getNewMode();
      this.id = (source ? entry.getOldId() : entry.getNewId()).toObjectId();
    }

    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    boolean regular() {
      return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }
  }

  /**
   * The renames among the changes of one side.
   *
   * @param reader a reader of the blobs
   * @param changes the side's changes against the base, without renames
   * @param limit git's rename limit: no inexact detection above {@code limit * limit} pairs
   * @param relevant which deleted paths the inexact pass considers
   * @return pairs as {@code [old path, new path]}, in destination order
   */
  static List<String[]> detect(ObjectReader reader, List<DiffEntry> changes, int limit, Predicate<String> relevant)
      throws IOException {
    List<FileSpec> sources = new ArrayList<>();
    List<FileSpec> dests = new ArrayList<>();
    for (DiffEntry e : changes) {
      if (e.getChangeType() == ChangeType.DELETE && e.getOldMode() != FileMode.GITLINK) {
        sources.add(new FileSpec(e, true));
      } else if (e.getChangeType() == ChangeType.ADD && e.getNewMode() != FileMode.GITLINK) {
        dests.add(new FileSpec(e, false));
      }
    }
    sources.sort(Comparator.comparing(f -> f.path));
    dests.sort(Comparator.comparing(f -> f.path));
    // Empty files are not rename candidates in merges (rename_empty = 0).
    for (FileSpec f : sources) {
      f.size = reader.getObjectSize(f.id, org.eclipse.jgit.lib.Constants.OBJ_BLOB);
    }
    for (FileSpec f : dests) {
      f.size = reader.getObjectSize(f.id, org.eclipse.jgit.lib.Constants.OBJ_BLOB);
    }
    sources.removeIf(f -> f.size == 0);
    dests.removeIf(f -> f.size == 0);
    Map<FileSpec, FileSpec> pairs = new HashMap<>();

    // 1. Exact renames: same blob; prefer an unused source with the same file name, else the first unused one.
    Map<org.eclipse.jgit.lib.ObjectId, List<FileSpec>> byId = new HashMap<>();
    for (FileSpec s : sources) {
      byId.computeIfAbsent(s.id, k -> new ArrayList<>()).add(s);
    }
    for (FileSpec d : dests) {
      FileSpec best = null;
      int bestScore = -1;
      for (FileSpec s : byId.getOrDefault(d.id, List.of())) {
        if (s.used || (!(s.regular() && d.regular()) && s.mode != d.mode)) {
          continue;
        }
        int score = 1 + (s.name().equals(d.name()) ? 1 : 0);
        if (score > bestScore) {
          best = s;
          bestScore = score;
          if (score == 2) {
            break;
          }
        }
      }
      if (best != null) {
        best.used = true;
        pairs.put(d, best);
      }
    }

    // 2. Files with the same name, unique among the remaining sources and destinations, at 75 % or more.
    int minScore = (int) (MAX_SCORE / 2);
    int basenameScore = minScore + (int) (0.5 * (MAX_SCORE - minScore));
    Map<String, Integer> sourceNames = uniqueNames(sources, pairs, true);
    Map<String, Integer> destNames = uniqueNames(dests, pairs, false);
    for (FileSpec s : sources) {
      if (s.used) {
        continue;
      }
      Integer si = sourceNames.get(s.name());
      Integer di = destNames.get(s.name());
      if (si == null || si < 0 || di == null || di < 0) {
        continue;
      }
      FileSpec d = dests.get(di);
      if (pairs.containsKey(d)) {
        continue;
      }
      if (similarity(reader, s, d, basenameScore) >= basenameScore) {
        s.used = true;
        pairs.put(d, s);
      }
    }

    // 3. Inexact renames among relevant sources: best four candidates per destination, best scores first.
    List<FileSpec> leftSources = new ArrayList<>();
    for (FileSpec s : sources) {
      if (!s.used && relevant.test(s.path)) {
        leftSources.add(s);
      }
    }
    List<FileSpec> leftDests = new ArrayList<>();
    for (FileSpec d : dests) {
      if (!pairs.containsKey(d)) {
        leftDests.add(d);
      }
    }
    if (!leftSources.isEmpty() && !leftDests.isEmpty()
        && (long) leftSources.size() * leftDests.size() <= (long) limit * limit) {
      List<long[]> candidates = new ArrayList<>();
      for (int di = 0; di < leftDests.size(); di++) {
        FileSpec d = leftDests.get(di);
        List<long[]> best = new ArrayList<>();
        for (int si = 0; si < leftSources.size(); si++) {
          FileSpec s = leftSources.get(si);
          int score = similarity(reader, s, d, minScore);
          if (score < minScore) {
            continue;
          }
          best.add(new long[] {score, s.name().equals(d.name()) ? 1 : 0, si, di});
          best.sort(GitRenames::compare);
          if (best.size() > CANDIDATES_PER_DESTINATION) {
            best.remove(best.size() - 1);
          }
        }
        candidates.addAll(best);
      }
      candidates.sort(GitRenames::compare);
      for (long[] c : candidates) {
        FileSpec s = leftSources.get((int) c[2]);
        FileSpec d = leftDests.get((int) c[3]);
        if (s.used || pairs.containsKey(d)) {
          continue;
        }
        s.used = true;
        pairs.put(d, s);
      }
    }
    List<String[]> out = new ArrayList<>();
    for (FileSpec d : dests) {
      FileSpec s = pairs.get(d);
      if (s != null) {
        out.add(new String[] {s.path, d.path});
      }
    }
    return out;
  }

  /** Higher score first, then same file name first, as git's {@code score_compare}. */
  private static int compare(long[] a, long[] b) {
    if (a[0] != b[0]) {
      return Long.compare(b[0], a[0]);
    }
    return Long.compare(b[1], a[1]);
  }

  /** File name to index when unique among the unpaired files, -1 when not unique. */
  private static Map<String, Integer> uniqueNames(List<FileSpec> files, Map<FileSpec, FileSpec> pairs,
      boolean sources) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      FileSpec f = files.get(i);
      if (sources ? f.used : pairs.containsKey(f)) {
        continue;
      }
      out.merge(f.name(), i, (a, b) -> -1);
    }
    return out;
  }

  /** git's {@code estimate_similarity}: a score out of 60000, 0 when not worth comparing. */
  static int similarity(ObjectReader reader, FileSpec src, FileSpec dst, int minScore) throws IOException {
    if (!src.regular() || !dst.regular()) {
      return 0;
    }
    long max = Math.max(src.size, dst.size);
    long base = Math.min(src.size, dst.size);
    long delta = max - base;
    if (max * (MAX_SCORE - minScore) < delta * MAX_SCORE) {
      return 0;
    }
    hash(reader, src);
    hash(reader, dst);
    long copied = copied(src, dst);
    if (dst.size == 0) {
      return 0;
    }
    return (int) (copied * MAX_SCORE / max);
  }

  /** git's {@code hash_chars}: spans of up to 64 bytes ending at a newline, hashed into buckets of byte counts. */
  private static void hash(ObjectReader reader, FileSpec f) throws IOException {
    if (f.hashes != null) {
      return;
    }
    byte[] buf = reader.open(f.id, org.eclipse.jgit.lib.Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    boolean text = !binary(buf);
    Map<Integer, Integer> buckets = new HashMap<>();
    int accum1 = 0;
    int accum2 = 0;
    int n = 0;
    for (int i = 0; i < buf.length; i++) {
      int c = buf[i] & 0xff;
      int old1 = accum1;
      if (text && c == '\r' && i + 1 < buf.length && buf[i + 1] == '\n') {
        continue;
      }
      accum1 = (accum1 << 7) ^ (accum2 >>> 25);
      accum2 = (accum2 << 7) ^ (old1 >>> 25);
      accum1 += c;
      if (++n < 64 && c != '\n') {
        continue;
      }
      buckets.merge(bucket(accum1, accum2), n, Integer::sum);
      n = 0;
      accum1 = 0;
      accum2 = 0;
    }
    if (n > 0) {
      buckets.merge(bucket(accum1, accum2), n, Integer::sum);
    }
    int[] keys = buckets.keySet().stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(keys);
    int[] counts = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      counts[i] = buckets.get(keys[i]);
    }
    f.hashes = keys;
    f.counts = counts;
  }

  /** git's {@code buffer_is_binary}: a NUL byte among the first 8000. */
  private static boolean binary(byte[] buf) {
    for (int i = 0, n = Math.min(buf.length, 8000); i < n; i++) {
      if (buf[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int bucket(int accum1, int accum2) {
    long v = (Integer.toUnsignedLong(accum1) + Integer.toUnsignedLong(accum2) * 0x61L) & 0xffffffffL;
    return (int) (v % HASHBASE);
  }

  /** git's {@code diffcore_count_changes}: the bytes of the source that survive into the destination. */
  private static long copied(FileSpec src, FileSpec dst) {
    long copied = 0;
    int d = 0;
    for (int s = 0; s < src.hashes.length; s++) {
      while (d < dst.hashes.length && dst.hashes[d] < src.hashes[s]) {
        d++;
      }
      int dstCount = 0;
      if (d < dst.hashes.length && dst.hashes[d] == src.hashes[s]) {
        dstCount = dst.counts[d];
        d++;
      }
      copied += Math.min(src.counts[s], dstCount);
    }
    return copied;
  }
}
