package dev.rollback.examples.badinputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a case's sandbox holds, as a sorted map from keys to values, so that two snapshots can be compared:
 *
 * <ul>
 *   <li>{@code file:<path>}: every file and folder under the sandbox (SHA-256 of a file, {@code dir} for a folder,
 *       {@code -> target} for a link), Git's own folders included but for what the entries below cover or what
 *       changes without a change to the repository (objects, reflogs, refs and packed-refs, the index file);</li>
 *   <li>{@code ref:<repo>:<ref>}: every ref of every repository, as {@code git for-each-ref} lists it;</li>
 *   <li>{@code head:<repo>}: HEAD, symbolic or detached, as {@code git} reads it;</li>
 *   <li>{@code status:<repo>} and {@code index:<repo>}: {@code git status --porcelain --ignored -uall} and
 *       {@code git ls-files --stage} of a work tree.</li>
 * </ul>
 *
 * <p>The run lock's file ({@code .git/rollback/lock}, {@code .rollback/lock}) is left out: the lock is the operating
 * system's lock on it, not the file, which stays once made.
 */
final class Snapshot {

  private final Map<String, String> entries;

  private Snapshot(Map<String, String> entries) {
    this.entries = entries;
  }

  /** The entries, sorted by key. */
  Map<String, String> entries() {
    return entries;
  }

  /**
   * Takes a snapshot of a sandbox.
   *
   * @param root the sandbox
   * @return the snapshot
   */
  static Snapshot of(Path root) {
    Map<String, String> e = new TreeMap<>();
    List<Path> repos = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(p -> !p.equals(root)).forEach(p -> {
        String rel = root.relativize(p).toString();
        if (ignored(rel)) {
          return;
        }
        e.put("file:" + rel, describe(p));
        if (p.getFileName().toString().equals(".git") && Files.isDirectory(p)) {
          repos.add(p.getParent());
        } else if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("HEAD"))
            && Files.isDirectory(p.resolve("objects")) && Files.isDirectory(p.resolve("refs"))
            && !p.getFileName().toString().equals(".git")) {
          repos.add(p);
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    for (Path repo : repos) {
      String name = root.relativize(repo).toString();
      boolean bare = !Files.exists(repo.resolve(".git"));
      for (String line : Git.run(repo, "for-each-ref", "--format=%(refname) %(objectname)").lines().toList()) {
        int space = line.indexOf(' ');
        e.put("ref:" + name + ":" + line.substring(0, space), line.substring(space + 1));
      }
      e.put("head:" + name, Git.tryRun(repo, "symbolic-ref", "-q", "HEAD").strip() + " "
          + Git.tryRun(repo, "rev-parse", "-q", "--verify", "HEAD").strip());
      if (!bare) {
        // The journal's own files are covered by their file entries.
        e.put("status:" + name, Git.run(repo, "status", "--porcelain=v1", "--ignored", "--untracked-files=all")
            .lines().filter(l -> !l.substring(3).startsWith(".rollback/")).collect(Collectors.joining("\n")));
        e.put("index:" + name, Git.run(repo, "ls-files", "--stage"));
      }
    }
    return new Snapshot(e);
  }

  /**
   * Parts of Git's folders (a {@code .git} folder, or a bare repository, whose folder name ends in {@code .git}) that
   * change without a change to what the repository holds or that other entries cover, and the run lock.
   */
  private static boolean ignored(String rel) {
    String p = "/" + rel;
    int git = p.indexOf(".git/");
    if (p.endsWith("/.rollback/lock")) {
      return true;
    }
    if (git < 0) {
      return false;
    }
    String inside = p.substring(git + ".git".length());
    return inside.startsWith("/objects") || inside.startsWith("/logs") || inside.startsWith("/refs")
        || inside.equals("/packed-refs") || inside.equals("/index") || inside.equals("/rollback")
        || inside.equals("/rollback/lock");
  }

  private static String describe(Path p) {
    try {
      if (Files.isSymbolicLink(p)) {
        return "-> " + Files.readSymbolicLink(p);
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return "dir";
      }
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(Files.readAllBytes(p)));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * The keys whose values differ between this snapshot and a later one (added, removed or changed), but for those
   * the case allows to change.
   *
   * @param after the later snapshot
   * @param allowed globs over keys that may change
   * @return the differences, one line each
   */
  List<String> changesTo(Snapshot after, List<String> allowed) {
    List<PathMatcher> matchers = allowed.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
        .toList();
    Set<String> keys = new TreeSet<>(entries.keySet());
    keys.addAll(after.entries.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String a = entries.get(k);
      String b = after.entries.get(k);
      if (a != null && a.equals(b)) {
        continue;
      }
      if (matchers.stream().anyMatch(m -> m.matches(Path.of(k)))) {
        continue;
      }
      out.add(k + ": " + (a == null ? "(none)" : shorten(a)) + " -> " + (b == null ? "(none)" : shorten(b)));
    }
    return out;
  }

  /**
   * The files added or changed between this snapshot and a later one.
   *
   * @param after the later snapshot
   * @return their paths relative to the sandbox
   */
  List<String> filesWritten(Snapshot after) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> en : after.entries.entrySet()) {
      if (en.getKey().startsWith("file:") && !en.getValue().equals("dir") && !en.getValue().startsWith("-> ")
          && !en.getValue().equals(entries.get(en.getKey()))) {
        out.add(en.getKey().substring("file:".length()));
      }
    }
    return out;
  }

  private static String shorten(String v) {
    String one = v.strip().replace("\n", " | ");
    return one.length() > 300 ? one.substring(0, 300) + "..." : one;
  }

  /** The {@code git} command line. */
  static final class Git {

    private Git() {}

    /** Runs git in a repository and returns what it printed; fails unless it exits 0. */
    static String run(Path repo, String... args) {
      String[] r = exec(repo, args);
      if (!r[0].equals("0")) {
        throw new IllegalStateException("git " + String.join(" ", args) + " in " + repo + " exited " + r[0] + ": "
            + r[1]);
      }
      return r[1];
    }

    /** Runs git in a repository and returns what it printed on standard output, whatever its status. */
    static String tryRun(Path repo, String... args) {
      return exec(repo, args)[1];
    }

    private static String[] exec(Path repo, String... args) {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("LC_ALL", "C");
      try {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {Integer.toString(p.waitFor()), out};
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
    }
  }
}
