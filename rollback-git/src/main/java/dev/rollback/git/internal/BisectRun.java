package dev.rollback.git.internal;

import dev.rollback.RepoPath;
import dev.rollback.git.GitException;
import dev.rollback.git.internal.Bisection.Verdict;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bisection of a plan ({@code git.bisect}): reads its parameters, lists the suspects on the bad end's
 * first-parent history, recalls the verdicts the journal already holds, probes the rest in scratch checkouts
 * ({@link ScratchCheckout}) through {@link Bisection}, and remembers each verdict as soon as it is known.
 */
final class BisectRun {

  private static final Logger LOG = LoggerFactory.getLogger(BisectRun.class);
  private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMinutes(10);

  /**
   * The parameters of a bisection, read in this one place (so that typed step contracts can replace it).
   *
   * @param good the good end, as the plan gave it resolved
   * @param bad the bad end
   * @param probeName the probe's name, for messages
   * @param argv the probe's program and arguments
   * @param directory where the probe runs, relative to the checkout's root
   * @param env variables the probe adds to the environment
   * @param parallelism how many probes the plan allows at once
   * @param confirmations how many times to probe the bad end again first
   * @param probeTimeout how long one probe may run
   */
  record Spec(String good, String bad, String probeName, List<String> argv, String directory, Map<String, String> env,
      int parallelism, int confirmations, Duration probeTimeout) {

    static Spec read(CallContext ctx) {
      Object probe = ctx.params().get("probe");
      if (!(probe instanceof Map)) {
        throw new GitException("parameter 'probe' must be a command, was " + probe);
      }
      Map<?, ?> p = (Map<?, ?>) probe;
      List<String> argv = new ArrayList<>();
      if (p.get("argv") instanceof List) {
        ((List<?>) p.get("argv")).forEach(a -> argv.add(String.valueOf(a)));
      }
      if (argv.isEmpty()) {
        throw new GitException("parameter 'probe' has no program (argv is empty)");
      }
      Object dir = p.get("directory");
      String directory = dir == null ? "." : dir instanceof RepoPath ? ((RepoPath) dir).path() : String.valueOf(dir);
      Map<String, String> env = new LinkedHashMap<>();
      if (p.get("env") instanceof Map) {
        ((Map<?, ?>) p.get("env")).forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
      }
      String good = GitContracts.GOOD.optional(ctx).orElse("");
      String bad = GitContracts.BAD.optional(ctx).orElse("");
      if (ctx.params().containsKey(GitContracts.RANGE.name())) {
        String range = GitContracts.RANGE.read(ctx);
        String[] ends = range.split("\\.\\.", -1);
        if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
          throw new GitException("parameter 'range' must be <good>..<bad>, was '" + range + "'");
        }
        good = ends[0].strip();
        bad = ends[1].strip();
      }
      return new Spec(good, bad, String.valueOf(p.get("name")), List.copyOf(argv),
          directory, env, GitContracts.PARALLELISM.optional(ctx).orElse(1),
          GitContracts.CONFIRMATIONS.optional(ctx).orElse(0),
          GitContracts.PROBE_TIMEOUT.optional(ctx).orElse(DEFAULT_PROBE_TIMEOUT));
    }

    /** A short digest of what decides a verdict (program, arguments, directory, variables), for the cache's keys. */
    String key() {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((argv + "\u0000" + directory + "\u0000" + new java.util.TreeMap<>(env)).getBytes(
            StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest(), 0, 6);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A verdict, as remembered and shown.
   *
   * @param commit the commit's full id
   * @param verdict what the probe said
   * @param exit the probe's exit status
   * @param cached whether it came from the journal rather than a probe of this attempt
   */
  record Probed(String commit, Verdict verdict, int exit, boolean cached) {
    Map<String, Object> show() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("commit", commit);
      m.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
      m.put("exit", (long) exit);
      if (cached) {
        m.put("cached", true);
      }
      return m;
    }
  }

  /**
   * How a bisection ended.
   *
   * @param good the good end's full id
   * @param bad the bad end's full id
   * @param suspects how many commits were suspects
   * @param candidates the ids the first bad commit could be, oldest first; one when it was found
   * @param probes the probes run for the search, cached verdicts not counted
   * @param rounds the rounds of probes
   * @param flaky whether a confirmation probe passed on the bad end
   * @param confirmations the confirmation verdicts
   * @param verdicts every verdict of the search, in the order they were known
   * @param parallelism the probes run at once
   */
  record Outcome(String good, String bad, int suspects, List<String> candidates, int probes, int rounds,
      boolean flaky, List<Probed> confirmations, List<Probed> verdicts, int parallelism) {

    String how() {
      return "git bisect --first-parent " + abbrev(good) + ".." + abbrev(bad) + ": " + suspects + " suspect"
          + (suspects == 1 ? "" : "s") + ", " + probes + " probe" + (probes == 1 ? "" : "s")
          + (parallelism > 1 ? " (" + parallelism + " at once)" : "");
    }

    Map<String, Object> evidence() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("range", good + ".." + bad);
      m.put("suspects", (long) suspects);
      m.put("probes", (long) probes);
      m.put("rounds", (long) rounds);
      m.put("parallelism", (long) parallelism);
      m.put("candidates", candidates);
      List<Object> c = new ArrayList<>();
      confirmations.forEach(p -> c.add(p.show()));
      if (!c.isEmpty()) {
        m.put("confirmations", c);
      }
      List<Object> v = new ArrayList<>();
      verdicts.forEach(p -> v.add(p.show()));
      m.put("verdicts", v);
      return m;
    }
  }

  private final Engine engine;
  private final RunContext run;
  private final Spec spec;
  private final Object lock = new Object();

  BisectRun(Engine engine, CallContext ctx) {
    this.engine = engine;
    this.run = ctx.run();
    this.spec = Spec.read(ctx);
  }

  Spec spec() {
    return spec;
  }

  /** Runs the bisection to its end. */
  Outcome run() throws Exception {
    Repository repo = engine.repo.repository();
    List<RevCommit> suspects;
    RevCommit good;
    RevCommit bad;
    try (Session s = engine.session(run)) {
      good = s.commit(spec.good(), "good");
      bad = s.commit(spec.bad(), "bad");
      suspects = suspects(repo, good, bad);
    }
    int k = Math.max(1, Math.min(spec.parallelism(), Runtime.getRuntime().availableProcessors()));
    String prefix = "git.bisect." + spec.key() + ".";
    Path scratch = repo.getDirectory().toPath().resolve("rollback").resolve("bisect")
        .resolve(run.runId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + spec.key());
    List<Probed> verdicts = new ArrayList<>();
    List<Probed> confirmations = new ArrayList<>();
    List<ScratchCheckout> slots = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
      Thread t = new Thread(r, "rollback-bisect");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < k; i++) {
        slots.add(ScratchCheckout.create(repo, scratch.resolve("slot-" + i)));
      }
      for (int i = 0; i < spec.confirmations(); i++) {
        String key = prefix + "confirm" + i + "." + bad.name();
        Probed p = recall(key, bad.name());
        if (p == null) {
          p = probe(slots.get(0), bad, key);
        }
        confirmations.add(p);
        if (p.verdict() == Verdict.GOOD) {
          return new Outcome(good.name(), bad.name(), suspects.size(), List.of(), 0, 0, true,
              List.copyOf(confirmations), List.of(), k);
        }
      }
      Map<Integer, Verdict> known = new HashMap<>();
      for (int i = 0; i < suspects.size() - 1; i++) {
        Probed p = recall(prefix + suspects.get(i).name(), suspects.get(i).name());
        if (p != null) {
          known.put(i + 1, p.verdict());
          verdicts.add(p);
        }
      }
      Bisection.Outcome o = Bisection.run(suspects.size(), k, known, positions -> {
        List<Future<Probed>> running = new ArrayList<>();
        for (int j = 0; j < positions.size(); j++) {
          RevCommit c = suspects.get(positions.get(j) - 1);
          ScratchCheckout slot = slots.get(j);
          running.add(pool.submit(() -> probe(slot, c, prefix + c.name())));
        }
        Map<Integer, Verdict> got = new HashMap<>();
        Exception failure = null;
        for (int j = 0; j < running.size(); j++) {
          try {
            Probed p = running.get(j).get();
            got.put(positions.get(j), p.verdict());
            verdicts.add(p);
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
          }
        }
        if (failure != null) {
          throw failure;
        }
        return got;
      });
      List<String> candidates = new ArrayList<>();
      o.candidates().forEach(i -> candidates.add(suspects.get(i - 1).name()));
      return new Outcome(good.name(), bad.name(), suspects.size(), List.copyOf(candidates), o.probes(), o.rounds(),
          false, List.copyOf(confirmations), List.copyOf(verdicts), k);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      slots.forEach(ScratchCheckout::close);
      try {
        ScratchCheckout.delete(scratch);
      } catch (IOException e) {
        LOG.warn("could not remove the scratch checkouts in {}: {}", scratch, e.toString());
      }
    }
  }

  /**
   * The commits {@code git rev-list --first-parent bad ^good} lists, oldest first: the bad end last.
   *
   * @throws GitException when good is not an ancestor of bad, or they are the same commit
   */
  static List<RevCommit> suspects(Repository repo, RevCommit good, RevCommit bad) throws IOException {
    List<RevCommit> out = new ArrayList<>();
    try (RevWalk w = new RevWalk(repo)) {
      RevCommit g = w.parseCommit(good);
      RevCommit b = w.parseCommit(bad);
      if (!w.isMergedInto(g, b)) {
        throw new GitException("the good end " + good.name() + " is not an ancestor of the bad end " + bad.name()
            + ": give a good commit from the bad end's history (git merge-base can find one)");
      }
      w.reset();
      w.setFirstParent(true);
      w.markStart(w.parseCommit(bad));
      w.markUninteresting(w.parseCommit(good));
      for (RevCommit c : w) {
        out.add(c);
      }
    }
    if (out.isEmpty()) {
      throw new GitException("nothing to bisect: the good end " + good.name() + " and the bad end " + bad.name()
          + " are the same commit");
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * Runs the probe once on a commit, in a scratch checkout of its own that is removed afterwards (for
   * {@code git.probePasses}).
   *
   * @return the probe's exit status
   */
  int probeOnce(RevCommit commit) throws Exception {
    Path scratch = engine.repo.repository().getDirectory().toPath().resolve("rollback").resolve("probe")
        .resolve(run.runId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + spec.key());
    try (ScratchCheckout slot = ScratchCheckout.create(engine.repo.repository(), scratch.resolve("slot-0"))) {
      slot.checkout(commit);
      return exec(slot.dir(), commit);
    } finally {
      ScratchCheckout.delete(scratch);
    }
  }

  private Probed recall(String key, String commit) {
    return run.recall(key).map(v -> {
      String[] parts = v.split(" ", 2);
      return new Probed(commit, Verdict.valueOf(parts[0]), Integer.parseInt(parts[1]), true);
    }).orElse(null);
  }

  private Probed probe(ScratchCheckout slot, RevCommit commit, String key) throws Exception {
    synchronized (slot) {
      slot.checkout(commit);
      int exit = exec(slot.dir(), commit);
      Path log = slot.dir().getParent().resolve(slot.dir().getFileName() + ".out");
      Verdict v;
      if (exit == 0) {
        v = Verdict.GOOD;
      } else if (exit == 125) {
        v = Verdict.SKIP;
      } else if (exit > 0 && exit < 128) {
        v = Verdict.BAD;
      } else {
        throw new GitException("bisect run failed: the probe `" + spec.probeName() + "` exited " + exit + " on "
            + commit.name() + " (0 is good, 125 untestable, 1 to 127 bad; anything else stops the bisection)"
            + tail(log));
      }
      LOG.info("bisect probe {} on {}: {} (exit {})", spec.probeName(), commit.name(), v, exit);
      if (!run.dryRun()) {
        synchronized (lock) {
          run.remember(key, v.name() + " " + exit);
        }
      }
      return new Probed(commit.name(), v, exit, false);
    }
  }

  private int exec(Path checkout, RevCommit commit) throws IOException, InterruptedException {
    Path dir = checkout.resolve(spec.directory()).normalize();
    if (!dir.startsWith(checkout) || !Files.isDirectory(dir)) {
      throw new GitException("the probe's directory '" + spec.directory() + "' is not a folder of " + commit.name());
    }
    List<String> argv = new ArrayList<>(spec.argv());
    if (argv.get(0).contains("/") && !Path.of(argv.get(0)).isAbsolute()) {
      argv.set(0, dir.resolve(argv.get(0)).toString());
    }
    Path log = checkout.getParent().resolve(checkout.getFileName() + ".out");
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(spec.env());
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(spec.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new GitException("the probe `" + spec.probeName() + "` ran longer than " + spec.probeTimeout()
            + " on " + commit.name() + " and was stopped");
      }
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    }
    return p.exitValue();
  }

  /** The last lines of a probe's output, masked, for messages. */
  private String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8).strip();
      text = run.redact(text);
      if (text.length() > 1000) {
        text = text.substring(text.length() - 1000);
      }
      return text.isEmpty() ? "" : "; its output ends: " + text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  static String abbrev(String id) {
    return id.length() > 7 ? id.substring(0, 7) : id;
  }
}
