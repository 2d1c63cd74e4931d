package dev.rollback.git.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a random but reproducible history with the {@code git} command line: text files edited line by line
 * (so later edits overlap earlier ones), files added, deleted and renamed (sometimes with an edit, sometimes into
 * a directory), binary files, and side branches merged back with {@code --no-ff}.
 */
public final class RandomHistory {

  private final GitCli git;
  private final Random random;
  private final Map<String, List<String>> texts = new LinkedHashMap<>();
  private final List<String> binaries = new ArrayList<>();
  private final List<String> commits = new ArrayList<>();
  private final List<String> merges = new ArrayList<>();
  private Instant time;
  private int counter;

  /**
   * A generator.
   *
   * @param git git in an empty repository
   * @param seed the seed
   */
  public RandomHistory(GitCli git, long seed) {
    this.git = git;
    this.random = new Random(seed);
    this.time = Sandbox.EPOCH;
  }

  /** The commits made on main, oldest first (merge commits included). */
  public List<String> commits() {
    return commits;
  }

  /** The merge commits made. */
  public List<String> merges() {
    return merges;
  }

  /** The text files that exist now. */
  public List<String> textFiles() {
    return new ArrayList<>(texts.keySet());
  }

  /** Builds the history. */
  public RandomHistory build(int size) {
    for (int i = 0; i < 4; i++) {
      addText("src/file" + i + ".txt");
    }
    addBinary();
    commit("initial import");
    for (int i = 0; i < size; i++) {
      if (i > 2 && random.nextInt(5) == 0) {
        sideBranchAndMerge();
      } else {
        int ops = 1 + random.nextInt(2);
        for (int k = 0; k < ops; k++) {
          randomOp();
        }
        commit((random.nextInt(3) == 0 ? "P3-007: " : "change ") + counter);
      }
    }
    return this;
  }

  private void randomOp() {
    int r = random.nextInt(100);
    if (r < 45) {
      editLines();
    } else if (r < 55) {
      addText("src/added" + (++counter) + ".txt");
    } else if (r < 63 && texts.size() > 3) {
      String f = pick(textFiles());
      texts.remove(f);
      git.run("add", "-A");
      git.run("rm", "-q", "-f", f);
    } else if (r < 78 && !texts.isEmpty()) {
      rename();
    } else if (r < 88) {
      if (binaries.isEmpty() || random.nextBoolean()) {
        addBinary();
      } else {
        String b = pick(binaries);
        git.write(b, bytes(200 + random.nextInt(200)));
      }
    } else {
      insertOrDeleteLine();
    }
  }

  private void editLines() {
    String f = pick(textFiles());
    List<String> lines = texts.get(f);
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n && !lines.isEmpty(); i++) {
      int at = random.nextInt(lines.size());
      lines.set(at, "edit" + (++counter) + " of " + f + " line " + at);
    }
    writeText(f);
  }

  private void insertOrDeleteLine() {
    String f = pick(textFiles());
    List<String> lines = texts.get(f);
    if (lines.size() > 4 && random.nextBoolean()) {
      lines.remove(random.nextInt(lines.size()));
    } else {
      lines.add(random.nextInt(lines.size() + 1), "inserted" + (++counter));
    }
    writeText(f);
  }

  private void rename() {
    String from = pick(textFiles());
    String name = from.substring(from.lastIndexOf('/') + 1).replace(".txt", "");
    String to = (random.nextBoolean() ? "src/" : "moved/") + name + "-r" + (++counter) + ".txt";
    git.write(to + ".tmp", "");
    git.run("rm", "-q", "--cached", "--ignore-unmatch", to + ".tmp");
    try {
      java.nio.file.Files.delete(git.dir().resolve(to + ".tmp"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    git.run("add", "-A");
    git.run("mv", from, to);
    List<String> lines = texts.remove(from);
    texts.put(to, lines);
    if (random.nextBoolean()) {
      lines.set(random.nextInt(lines.size()), "renamed and edited " + counter);
      writeText(to);
    }
  }

  private void addText(String f) {
    List<String> lines = new ArrayList<>();
    int n = 10 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      lines.add(f + " original line " + i);
    }
    texts.put(f, lines);
    writeText(f);
  }

  private void addBinary() {
    String b = "bin/blob" + (++counter) + ".bin";
    binaries.add(b);
    git.write(b, bytes(300));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] = 0;
    return b;
  }

  private void writeText(String f) {
    git.write(f, String.join("\n", texts.get(f)) + "\n");
  }

  private void sideBranchAndMerge() {
    String base = commits.get(Math.max(0, commits.size() - 1 - random.nextInt(3)));
    String branch = "side" + (++counter);
    Map<String, List<String>> saved = copy(texts);
    List<String> savedBinaries = new ArrayList<>(binaries);
    git.run("checkout", "-q", "-b", branch, base);
    String f = "side/" + branch + ".txt";
    git.write(f, "side " + branch + "\nline 2\nline 3\nline 4\nline 5\n");
    tick();
    git.commitAll("side work on " + branch);
    git.write(f, "side " + branch + "\nline 2 changed\nline 3\nline 4\nline 5\n");
    tick();
    git.commitAll("P3-007: more side work on " + branch);
    git.run("checkout", "-q", "main");
    tick();
    GitCli.Result r = git.tryRun("merge", "-q", "--no-ff", "-m", "Merge branch '" + branch + "'", branch);
    if (!r.ok()) {
      git.run("merge", "--abort");
      texts.clear();
      texts.putAll(saved);
      binaries.clear();
      binaries.addAll(savedBinaries);
      return;
    }
    String merge = git.rev("HEAD");
    commits.add(merge);
    merges.add(merge);
    texts.clear();
    texts.putAll(saved);
    binaries.clear();
    binaries.addAll(savedBinaries);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    Map<String, List<String>> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
    return c;
  }

  private void commit(String message) {
    tick();
    commits.add(git.commitAll(message));
  }

  private void tick() {
    time = time.plusSeconds(60);
    git.at(time);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
