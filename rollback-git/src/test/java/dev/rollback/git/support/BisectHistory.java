package dev.rollback.git.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random history for bisection, written with {@code git fast-import} in one process: a first-parent chain
 * on {@code main} (some of its commits merges of short side branches), a planted culprit from which on every main
 * commit's tree holds {@code broken}, and commits whose tree holds {@code untestable} (the probe exits 125 there).
 * Side branches sometimes hold {@code broken} too, so a bisection that leaves the first-parent chain would blame
 * them. {@link #PROBE} is the probe as a shell script: it appends the commit it runs on to the ledger given as its
 * argument, then exits 125, 1 or 0.
 */
public final class BisectHistory {

  /** The probe: {@code sh probe.sh LEDGER}. */
  public static final String PROBE = "#!/bin/sh\n"
      + "git rev-parse HEAD >> \"$1\"\n"
      + "if [ -f untestable ]; then exit 125; fi\n"
      + "if [ -f broken ]; then exit 1; fi\n"
      + "exit 0\n";

  /** The first-parent chain of main, oldest first. */
  public final List<String> main;
  /** The planted culprit's position in {@link #main}. */
  public final int culprit;
  /** The good end's position. */
  public final int good;
  /** The bad end's position. */
  public final int bad;
  /** How many merges the chain holds. */
  public final int merges;

  private BisectHistory(List<String> main, int culprit, int good, int bad, int merges) {
    this.main = main;
    this.culprit = culprit;
    this.good = good;
    this.bad = bad;
    this.merges = merges;
  }

  /**
   * Writes a history into an empty repository and checks out main.
   *
   * @param git git in a repository with no commit
   * @param seed the seed
   * @param length how many commits the chain has, 2 or more
   * @param withMerges whether some chain commits are merges of side branches
   * @param untestable the share of commits the probe cannot test
   * @return the history
   */
  public static BisectHistory write(GitCli git, long seed, int length, boolean withMerges, double untestable) {
    Random r = new Random(seed);
    int good = r.nextInt(Math.max(1, length / 3));
    int bad = good + 1 + r.nextInt(length - 1 - good);
    int culprit = good + 1 + r.nextInt(bad - good);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    int mark = 0;
    int[] mainMarks = new int[length];
    long time = 1767225600L;
    int merges = 0;
    for (int i = 0; i < length; i++) {
      int sideTip = 0;
      if (withMerges && i > 1 && r.nextInt(4) == 0) {
        int fork = r.nextInt(i);
        int from = mainMarks[fork];
        int commits = 1 + r.nextInt(3);
        for (int j = 0; j < commits; j++) {
          mark++;
          StringBuilder c = new StringBuilder();
          c.append("commit refs/heads/side-").append(i).append('\n').append("mark :").append(mark).append('\n');
          c.append("committer Side <side@rollback.dev> ").append(time++).append(" +0000\n");
          data(c, "side " + i + "." + j);
          c.append("from :").append(from).append('\n');
          c.append("M 100644 inline side-").append(i).append('\n');
          data(c, "side " + i + " " + j);
          if (r.nextInt(3) == 0) {
            c.append("M 100644 inline broken\n");
            data(c, "side-broken");
          }
          if (r.nextDouble() < untestable) {
            c.append("M 100644 inline untestable\n");
            data(c, "x");
          }
          s.writeBytes(c.toString().getBytes(StandardCharsets.UTF_8));
          from = mark;
        }
        sideTip = from;
        merges++;
      }
      mark++;
      mainMarks[i] = mark;
      StringBuilder c = new StringBuilder();
      c.append("commit refs/heads/main\n").append("mark :").append(mark).append('\n');
      c.append("committer Main <main@rollback.dev> ").append(time++).append(" +0000\n");
      data(c, (sideTip != 0 ? "Merge side " : "Change ") + i);
      if (i > 0) {
        c.append("from :").append(mainMarks[i - 1]).append('\n');
      }
      if (sideTip != 0) {
        c.append("merge :").append(sideTip).append('\n');
      }
      c.append("M 100644 inline changes/").append(i).append('\n');
      data(c, Integer.toString(i));
      if (i == culprit) {
        c.append("M 100644 inline broken\n");
        data(c, "broken by " + i);
      } else if (i < culprit) {
        c.append("D broken\n");
      }
      if (r.nextDouble() < untestable) {
        c.append("M 100644 inline untestable\n");
        data(c, "x");
      } else {
        c.append("D untestable\n");
      }
      s.writeBytes(c.toString().getBytes(StandardCharsets.UTF_8));
    }
    GitCli.Result imported = git.exec(s.toByteArray(), "fast-import", "--quiet");
    if (!imported.ok()) {
      throw new AssertionError("fast-import failed: " + imported.err());
    }
    git.run("reset", "-q", "--hard", "main");
    List<String> chain = new ArrayList<>(List.of(git.run("rev-list", "--first-parent", "--reverse", "main")
        .split("\n")));
    return new BisectHistory(chain, culprit, good, bad, merges);
  }

  private static void data(StringBuilder c, String text) {
    byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
    c.append("data ").append(b.length).append('\n').append(text).append('\n');
  }
}
