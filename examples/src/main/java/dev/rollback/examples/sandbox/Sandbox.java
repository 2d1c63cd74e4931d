package dev.rollback.examples.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A generated repository with a realistic history and the bad "P3-007" change, cloned from a bare origin:
 * {@code <dir>/origin.git} and {@code <dir>/work}. The same {@link SandboxSpec} gives the same commit ids.
 *
 * <p>History: an initial project (CI workflow running pytest directly, Makefile, test and benchmark scripts, a
 * performance baseline, sources and tests); ordinary development commits; then P3-007 in two commits
 * ("P3-007: Add Docker test infrastructure" adds {@code docker-compose.test.yml}, {@code Dockerfile.test} and
 * {@code scripts/run_docker_tests.sh}; "P3-007: Run CI tests in Docker" rewrites
 * {@code .github/workflows/ci.yml}); then any trailing unrelated commits.
 */
public final class Sandbox {

  /** The message prefix of the bad change's commits. */
  public static final String CHANGE = "P3-007";

  private final Path root;
  private final String stableCommit;
  private final List<String> changeCommits;
  private final String head;

  private Sandbox(Path root, String stableCommit, List<String> changeCommits, String head) {
    this.root = root;
    this.stableCommit = stableCommit;
    this.changeCommits = List.copyOf(changeCommits);
    this.head = head;
  }

  /**
   * Generates a sandbox in an empty or missing directory.
   *
   * @param dir where to create {@code origin.git} and {@code work}
   * @param spec the shape of the history
   * @return the sandbox
   * @throws IOException when the directory is not empty or cannot be written
   */
  public static Sandbox create(Path dir, SandboxSpec spec) throws IOException {
    if (Files.isDirectory(dir)) {
      try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException("sandbox directory " + dir + " is not empty");
        }
      }
    }
    Files.createDirectories(dir);
    Path origin = dir.resolve("origin.git");
    Path work = dir.resolve("work");
    Generated g;
    try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      g = new Generator(bare.getRepository(), spec).generate();
    } catch (GitAPIException e) {
      throw new IOException("cannot create the origin repository in " + origin + ": " + e.getMessage(), e);
    }
    try (Git clone = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(work.toFile())
        .setBranch("main").call()) {
      StoredConfig config = clone.getRepository().getConfig();
      config.setString("user", null, "name", "Release Engineer");
      config.setString("user", null, "email", "release@example.com");
      config.save();
    } catch (GitAPIException e) {
      throw new IOException("cannot clone " + origin + " into " + work + ": " + e.getMessage(), e);
    }
    return new Sandbox(dir, g.stable, g.change, g.head);
  }

  /**
   * The sandbox's root directory.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  /**
   * The bare origin repository.
   *
   * @return {@code <root>/origin.git}
   */
  public Path origin() {
    return root.resolve("origin.git");
  }

  /**
   * The working clone.
   *
   * @return {@code <root>/work}
   */
  public Path work() {
    return root.resolve("work");
  }

  /**
   * The last commit before the P3-007 change: what the configuration rollback restores.
   *
   * @return the commit id
   */
  public String stableCommit() {
    return stableCommit;
  }

  /**
   * The P3-007 commits, oldest first.
   *
   * @return commit ids
   */
  public List<String> changeCommits() {
    return changeCommits;
  }

  /**
   * The tip of main when generated.
   *
   * @return the commit id
   */
  public String head() {
    return head;
  }

  private static final class Generated {
    String stable;
    List<String> change = new ArrayList<>();
    String head;
  }

  /** Builds the history with an in-memory tree whose unchanged directories keep their tree ids. */
  private static final class Generator {
    private final Repository repo;
    private final SandboxSpec spec;
    private final Random random;
    private final Dir root = new Dir();
    private final List<Integer> modules = new ArrayList<>();
    private int clock;
    private int nextModule;

    Generator(Repository repo, SandboxSpec spec) {
      this.repo = repo;
      this.spec = spec;
      this.random = new Random(spec.seed());
    }

    Generated generate() throws IOException {
      Generated out = new Generated();
      // One pack instead of tens of thousands of loose objects: the benchmark history has 10,000 commits.
      try (ObjectInserter ins = ((FileRepository) repo).getObjectDatabase().newPackInserter()) {
        put(ins, ".github/workflows/ci.yml", ProjectFiles.CI_BEFORE, false);
        put(ins, "Makefile", ProjectFiles.MAKEFILE, false);
        put(ins, "README.md", ProjectFiles.readme("sample-service"), false);
        put(ins, "requirements.txt", ProjectFiles.REQUIREMENTS, false);
        put(ins, "perf/baseline.json", ProjectFiles.BASELINE, false);
        put(ins, "scripts/run_tests.sh", ProjectFiles.RUN_TESTS, true);
        put(ins, "scripts/benchmark_performance.sh", ProjectFiles.BENCHMARK, true);
        put(ins, "scripts/benchmark_current_performance.sh", ProjectFiles.BENCHMARK_CURRENT, true);
        put(ins, "scripts/coverage.sh", ProjectFiles.COVERAGE, true);
        put(ins, ".gitignore", ProjectFiles.GITIGNORE, false);
        int initial = Math.max(1, Math.min(spec.files(), spec.files() / 2 + 1));
        while (nextModule < initial) {
          addModule(ins);
        }
        ObjectId parent = commit(ins, null, "Initial import of sample-service");
        for (int i = 1; i < spec.commits(); i++) {
          parent = commit(ins, parent, develop(ins, i));
        }
        out.stable = parent.name();
        put(ins, "docker-compose.test.yml", ProjectFiles.COMPOSE, false);
        put(ins, "Dockerfile.test", ProjectFiles.DOCKERFILE, false);
        put(ins, "scripts/run_docker_tests.sh", ProjectFiles.RUN_DOCKER_TESTS, true);
        parent = commit(ins, parent, CHANGE + ": Add Docker test infrastructure\n\n"
            + "Adds docker-compose.test.yml, Dockerfile.test and scripts/run_docker_tests.sh.");
        out.change.add(parent.name());
        put(ins, ".github/workflows/ci.yml", ProjectFiles.CI_AFTER, false);
        parent = commit(ins, parent, CHANGE + ": Run CI tests in Docker\n\n"
            + "The CI workflow runs the test suite through docker compose.");
        out.change.add(parent.name());
        for (int i = 0; i < spec.trailingCommits(); i++) {
          parent = commit(ins, parent, develop(ins, spec.commits() + i));
        }
        ins.flush();
        RefUpdate ru = repo.updateRef("refs/heads/main");
        ru.setNewObjectId(parent);
        ru.setForceUpdate(true);
        ru.update();
        out.head = parent.name();
      }
      return out;
    }

    /** One ordinary development commit: edit a module or two, sometimes add one; returns the message. */
    private String develop(ObjectInserter ins, int i) throws IOException {
      if (nextModule < spec.files() && (random.nextInt(3) == 0 || spec.commits() - i <= spec.files() - nextModule)) {
        int n = addModule(ins);
        return "Add module " + n;
      }
      int n = modules.get(random.nextInt(modules.size()));
      int edits = 1 + random.nextInt(2);
      for (int e = 0; e < edits; e++) {
        int m = e == 0 ? n : modules.get(random.nextInt(modules.size()));
        put(ins, modulePath(m), ProjectFiles.module(m, i), false);
      }
      String[] verbs = {"Fix", "Refactor", "Tune", "Document", "Simplify"};
      return verbs[random.nextInt(verbs.length)] + " module " + n;
    }

    private int addModule(ObjectInserter ins) throws IOException {
      int n = nextModule++;
      modules.add(n);
      put(ins, modulePath(n), ProjectFiles.module(n, 0), false);
      if (n % 2 == 0 && nextModule < spec.files()) {
        put(ins, "tests/pkg" + (n % 40) + "/test_module_" + n + ".py", ProjectFiles.test(n), false);
        nextModule++;
      }
      return n;
    }

    private static String modulePath(int n) {
      return "src/app/pkg" + (n % 40) + "/module_" + n + ".py";
    }

    private void put(ObjectInserter ins, String path, String content, boolean executable) throws IOException {
      ObjectId blob = ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
      String[] parts = path.split("/");
      Dir d = root;
      d.tree = null;
      for (int i = 0; i < parts.length - 1; i++) {
        d = d.dirs.computeIfAbsent(parts[i], k -> new Dir());
        d.tree = null;
      }
      d.files.put(parts[parts.length - 1], new Entry(blob, executable ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE));
    }

    private ObjectId commit(ObjectInserter ins, ObjectId parent, String message) throws IOException {
      Instant when = spec.start().plusSeconds(3600L * clock++);
      PersonIdent who = new PersonIdent("Dev Eloper", "dev@example.com", when, ZoneOffset.UTC);
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(root.write(ins));
      if (parent != null) {
        c.setParentId(parent);
      }
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(message + "\n");
      return ins.insert(c);
    }
  }

  private record Entry(ObjectId id, FileMode mode) {}

  private static final class Dir {
    final TreeMap<String, Dir> dirs = new TreeMap<>();
    final TreeMap<String, Entry> files = new TreeMap<>();
    ObjectId tree;

    ObjectId write(ObjectInserter ins) throws IOException {
      if (tree != null) {
        return tree;
      }
      // Git orders tree entries by name, comparing a directory's name as if it ended with '/'.
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<String, Dir> e : dirs.entrySet()) {
        sorted.put(e.getKey() + "/", e.getValue());
      }
      for (Map.Entry<String, Entry> e : files.entrySet()) {
        sorted.put(e.getKey(), e.getValue());
      }
      TreeFormatter f = new TreeFormatter();
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (e.getValue() instanceof Dir) {
          String name = e.getKey().substring(0, e.getKey().length() - 1);
          f.append(name, FileMode.TREE, ((Dir) e.getValue()).write(ins));
        } else {
          Entry x = (Entry) e.getValue();
          f.append(e.getKey(), x.mode(), x.id());
        }
      }
      tree = ins.insert(f);
      return tree;
    }
  }
}
