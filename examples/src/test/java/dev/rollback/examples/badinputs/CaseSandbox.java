package dev.rollback.examples.badinputs;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.badinputs.Snapshot.Git;
import dev.rollback.examples.cli.CliRun;
import dev.rollback.examples.cli.PlanSource;
import dev.rollback.git.GitAdapter;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.GitHubTarget;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeRepository;
import dev.rollback.testkit.FakeWorkflow;
import dev.rollback.testkit.Fault;
import dev.rollback.testkit.RunScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder a case runs in, made by its setup recipes, and what those recipes started (a simulated GitHub, a run
 * holding the lock), stopped by {@link #close}. Its layout:
 *
 * <pre>
 * case/        a copy of the case's folder (its plan scripts, compose files, fixtures)
 * work/        a plain workspace, not a repository: the default --repo
 * clone/       with the repo recipe: a clone of origin.git, on main, with the P3-007 commits on top
 * origin.git/  its bare origin
 * </pre>
 */
final class CaseSandbox implements AutoCloseable {

  /** The token the simulated GitHub requires; a case that sets another {@code GITHUB_TOKEN} sees it refused. */
  static final String TOKEN = "ghp_corpusToken0123456789abcdefABCDEFghij";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");

  private final Path root;
  private final Path plans;
  private final Map<String, String> env;
  private final List<AutoCloseable> started = new ArrayList<>();
  private FakeGitHub github;

  CaseSandbox(Path root, Path plans, Map<String, String> env) {
    this.root = root;
    this.plans = plans;
    this.env = env;
  }

  /** The sandbox's folder. */
  Path root() {
    return root;
  }

  /** The simulated GitHub, when a recipe started one. */
  FakeGitHub github() {
    if (github == null) {
      throw new IllegalStateException("the case uses the simulated GitHub without the github recipe");
    }
    return github;
  }

  /** The workspace: the clone when there is one, else the plain folder. */
  Path workspace() {
    return Files.isDirectory(root.resolve("clone")) ? root.resolve("clone") : root.resolve("work");
  }

  /**
   * Replaces the placeholders of a word: {@code ${sandbox}}, {@code ${case}}, {@code ${work}}, {@code ${clone}},
   * {@code ${origin}}, {@code ${workspace}}, {@code ${plans}}, {@code ${github}} (the simulated GitHub's URL),
   * {@code ${run}} (the newest run in the workspace's journal).
   */
  String resolve(String word) {
    Matcher m = PLACEHOLDER.matcher(word);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v;
      switch (m.group(1)) {
        case "sandbox":
          v = root.toString();
          break;
        case "case":
          v = root.resolve("case").toString();
          break;
        case "work":
          v = root.resolve("work").toString();
          break;
        case "clone":
          v = root.resolve("clone").toString();
          break;
        case "origin":
          v = root.resolve("origin.git").toString();
          break;
        case "workspace":
          v = workspace().toString();
          break;
        case "plans":
          v = plans.toString();
          break;
        case "github":
          v = github().baseUrl();
          break;
        case "run":
          List<String> runs = Journal.directory(workspace().resolve(".rollback")).runs();
          if (runs.isEmpty()) {
            throw new IllegalStateException("${run}: no run in " + workspace().resolve(".rollback"));
          }
          v = runs.get(runs.size() - 1);
          break;
        default:
          throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The words with their placeholders replaced. */
  List<String> resolve(List<String> words) {
    return words.stream().map(this::resolve).toList();
  }

  /**
   * Applies a setup recipe.
   *
   * @param recipe the recipe's name and its words
   * @param template the template repository (clone and origin) the repo recipe copies
   */
  void apply(List<String> recipe, Template template) throws Exception {
    List<String> args = resolve(recipe.subList(1, recipe.size()));
    switch (recipe.get(0)) {
      case "repo":
        template.copyTo(root);
        break;
      case "git":
        Git.run(root.resolve("clone"), args.toArray(new String[0]));
        break;
      case "git-in":
        Git.run(root.resolve(args.get(0)), args.subList(1, args.size()).toArray(new String[0]));
        break;
      case "sh":
        sh(args.get(0));
        break;
      case "write":
        Path file = root.resolve(args.get(0));
        Files.createDirectories(file.getParent());
        Files.writeString(file, CorpusCase.Words.unescape(args.get(1), "write"), StandardCharsets.UTF_8);
        break;
      case "github":
        startGitHub();
        break;
      case "github-fault":
        github().inject(args.get(0), fault(args.subList(1, args.size())));
        break;
      case "github-custom-role":
        github().repository("acme/shop").customRole(args.get(0), args.get(1), args.get(2));
        break;
      case "github-in-progress":
        FakeWorkflow ci = github().repository("acme/shop").workflow("ci.yml");
        for (int i = 0; i < Integer.parseInt(args.get(0)); i++) {
          ci.newRun().branch("main").createdAt(Instant.now().minusSeconds(60L * (i + 1)))
              .script(RunScript.neverFinishes()).create();
        }
        break;
      case "crash-at-step":
        crashAtStep(Integer.parseInt(args.get(0)), args.get(1), args.subList(2, args.size()));
        break;
      case "hold-lock":
        holdLock(args);
        break;
      default:
        throw new IllegalArgumentException("unknown setup recipe '" + recipe.get(0) + "'");
    }
  }

  /** Runs a shell script in the sandbox's folder; fails unless it exits 0. */
  void sh(String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("setup sh '" + script + "' failed: " + out);
    }
  }

  /**
   * Starts the simulated GitHub: acme/shop, main at the clone's HEAD (when there is a clone), CI ({@code ci.yml})
   * failing four times in a row on main, and a dispatch that passes at once.
   */
  private void startGitHub() {
    github = FakeGitHub.builder().requireToken(TOKEN).start();
    started.add(github);
    FakeRepository repo = github.repository("acme/shop");
    String head = Files.isDirectory(root.resolve("clone")) ? Git.run(root.resolve("clone"), "rev-parse", "HEAD").strip()
        : "0123456789abcdef0123456789abcdef01234567";
    repo.branch("main", head);
    repo.collaborator("alice", "maintain");
    FakeWorkflow ci = repo.workflow("ci.yml").named("CI");
    Instant now = Instant.now();
    for (int i = 0; i < 4; i++) {
      ci.newRun().branch("main").headSha(head).createdAt(now.minus(Duration.ofMinutes(40 - 5L * i)))
          .script(RunScript.failsAfter(Duration.ofMinutes(2))).create();
    }
    ci.onDispatch(RunScript.succeedsAfter(Duration.ZERO));
  }

  private static Fault fault(List<String> words) {
    switch (words.get(0)) {
      case "status":
        return Fault.status(Integer.parseInt(words.get(1)));
      case "secondary-limit":
        return words.size() > 1 ? Fault.secondaryLimit(Duration.parse("PT" + words.get(1))) : Fault.secondaryLimit();
      case "rate-limited":
        return Fault.rateLimited(Instant.now().plus(Duration.parse("PT" + words.get(1))));
      case "too-many-requests":
        return Fault.tooManyRequests(Duration.parse("PT" + words.get(1)));
      case "lost-response":
        return Fault.lostResponse();
      case "delayed-response":
        return Fault.delayedResponse(Duration.parse("PT" + words.get(1)));
      case "stalled-body":
        return Fault.stalledBody(Duration.parse("PT" + words.get(1)));
      case "echoed-headers":
        return Fault.echoedHeaders(Integer.parseInt(words.get(1)));
      default:
        throw new IllegalArgumentException("unknown fault '" + words.get(0) + "'");
    }
  }

  /** Stands for the launcher's process dying as a step starts. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("the process died here", null, false, false);
    }
  }

  /**
   * Runs a plan as {@code ./rollback run PLAN --yes} would, in the workspace, and cuts it off as the n-th step
   * starts (after the journal recorded the start, before the step ran), as a killed launcher leaves it. The words
   * after the plan may be {@code --declare FACT} and {@code --severity NAME}. A plan that uses GitHub, or sends
   * messages, gets the simulated GitHub (the github recipe first), each channel an issue per run there.
   */
  private void crashAtStep(int n, String planFile, List<String> more) {
    Path ws = workspace();
    Path plan = Path.of(planFile).toAbsolutePath().normalize();
    RollbackPlan p = PlanSource.load(plan.toString());
    RunOptions options = RunOptions.defaults().withPlanSource(plan.toString());
    for (int i = 0; i < more.size(); i += 2) {
      options = more.get(i).equals("--declare") ? options.withDeclared(more.get(i + 1))
          : options.withSeverity(more.get(i + 1));
    }
    AtomicInteger steps = new AtomicInteger();
    RollbackExecutor.Builder b = RollbackExecutor.builder().workspace(ws)
        .journal(Journal.directory(ws.resolve(".rollback")))
        .approver(Approvers.automatic(System.getProperty("user.name", "unknown"), "--yes on the command line"))
        .listener(e -> {
          if (e instanceof RunEvent.StepStarted && steps.incrementAndGet() == n) {
            throw new Crash();
          }
        });
    GitAdapter git = p.adapters().contains("git") ? GitAdapter.open(ws) : null;
    if (git != null) {
      b.adapter(git);
    }
    // GitHub, when the plan uses it or has messages: the simulated one, each channel an issue per run there.
    GitHubAdapter gh = p.adapters().contains(GitHubAdapter.NAME) || !p.messages().isEmpty()
        ? GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github().baseUrl()))
            .token(TOKEN).build() : null;
    if (gh != null) {
      b.adapter(gh);
      p.messages().stream().flatMap(m -> m.channels().stream()).distinct()
          .forEach(ch -> b.notifier(ch, GitHubNotifier.issuePerRun(gh)));
    }
    try (RollbackExecutor executor = b.build()) {
      executor.run(p, options);
      throw new IllegalStateException("crash-at-step " + n + ": the run ended before its step " + n + " started");
    } catch (Crash expected) {
      // The run is cut off, its journal and locks as a killed process leaves them.
    } finally {
      if (git != null) {
        git.close();
      }
      if (gh != null) {
        gh.close();
      }
    }
  }

  /**
   * Starts a command of the launcher in the background, in this JVM, and waits until the file {@code held} appears in
   * the sandbox (the command's plan makes it, then waits for {@code release}); {@link #close} makes {@code release}
   * and waits for the command to end. Used for a run that holds the lock while the case's command runs.
   */
  private void holdLock(List<String> command) throws Exception {
    Path held = root.resolve("held");
    Map<String, String> commandEnv = new HashMap<>(env);
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.in(commandEnv,
        command.toArray(new String[0])));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(held)) {
      if (run.isDone()) {
        CliRun r = run.join();
        throw new IllegalStateException("hold-lock: the command ended (" + r.status() + ") before it held the lock: "
            + r.err() + r.out());
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException("hold-lock: " + held + " did not appear within 60 s");
      }
      Thread.sleep(20);
    }
    started.add(() -> {
      Files.writeString(root.resolve("release"), "");
      CliRun r = run.get(60, TimeUnit.SECONDS);
      if (r.status() != 0) {
        throw new IllegalStateException("the run holding the lock ended " + r.status() + ": " + r.err() + r.out());
      }
    });
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    started.clear();
    if (first != null) {
      throw first;
    }
  }

  /**
   * The repository every case that needs one copies: a clone ({@code clone/}) of a bare origin ({@code origin.git/})
   * whose main has a few ordinary commits, then "P3-007: Add Docker test infrastructure" and "P3-007: Run CI tests in
   * Docker". Made once per test class with the git command line.
   */
  static final class Template {

    private final Path dir;

    private Template(Path dir) {
      this.dir = dir;
    }

    static Template create(Path dir) throws IOException, InterruptedException {
      Path seed = Files.createDirectories(dir.resolve("seed"));
      Git.run(seed, "init", "-q", "-b", "main");
      Git.run(seed, "config", "user.name", "Dana Dev");
      Git.run(seed, "config", "user.email", "dana@example.com");
      write(seed, "README.md", "# shop\n");
      write(seed, "config", "mode=stable\nworkers=4\n");
      write(seed, "scripts/run_tests.sh", "#!/bin/sh\nmake test\n");
      commit(seed, "Initial project");
      write(seed, "docs/guide.md", "How to run the tests.\n");
      commit(seed, "Docs: how to run the tests");
      write(seed, "docker/Dockerfile.test", "FROM rollback-test/busybox:latest\n");
      write(seed, "config", "mode=docker\nworkers=4\n");
      commit(seed, "P3-007: Add Docker test infrastructure");
      write(seed, "scripts/run_tests.sh", "#!/bin/sh\ndocker compose run --rm test\n");
      commit(seed, "P3-007: Run CI tests in Docker");
      Git.run(dir, "clone", "-q", "--bare", seed.toString(), dir.resolve("origin.git").toString());
      Git.run(dir, "clone", "-q", dir.resolve("origin.git").toString(), dir.resolve("clone").toString());
      Git.run(dir.resolve("clone"), "config", "user.name", "Dana Dev");
      Git.run(dir.resolve("clone"), "config", "user.email", "dana@example.com");
      return new Template(dir);
    }

    private static void write(Path repo, String name, String text) throws IOException {
      Path f = repo.resolve(name);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    private static void commit(Path repo, String subject) {
      Git.run(repo, "add", "-A");
      Git.run(repo, "commit", "-q", "-m", subject);
    }

    /** Copies the clone and its origin into a sandbox, the clone's origin pointing at the copy. */
    void copyTo(Path sandbox) throws IOException {
      copyTree(dir.resolve("origin.git"), sandbox.resolve("origin.git"));
      copyTree(dir.resolve("clone"), sandbox.resolve("clone"));
      Path config = sandbox.resolve("clone/.git/config");
      Files.writeString(config, Files.readString(config).replace(dir.resolve("origin.git").toString(),
          sandbox.resolve("origin.git").toString()));
    }
  }

  /** Copies a folder with everything in it. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
