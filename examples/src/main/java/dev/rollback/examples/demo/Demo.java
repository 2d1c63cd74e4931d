package dev.rollback.examples.demo;

import dev.rollback.RollbackPlan;
import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.examples.P3007Plan;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.git.GitAdapter;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.GitHubTarget;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.Notifiers;
import dev.rollback.run.Progress;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeRepository;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.FakeWorkflow;
import dev.rollback.testkit.RunScript;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The P3-007 runbook end to end in a sandbox, what {@code ./rollback demo} runs: a generated repository with a
 * realistic history and the bad P3-007 change, pushed to a bare origin; a simulated GitHub (the contract-checked
 * {@link FakeGitHub} of rollback-testkit, on the loopback interface) whose CI on {@code main} has been failing since
 * P3-007, with runs still in progress; the Docker engine when one is reachable. The plan ({@link P3007Plan}) then
 * assesses, decides from the simulated GitHub's run history, is approved automatically, runs the emergency
 * procedure, verifies, notifies (an issue on the simulated GitHub and Markdown files), and audits.
 *
 * <pre>{@code
 * Demo.Result r = Demo.builder().directory(dir).build().run();
 * r.report().status();     // SUCCEEDED
 * }</pre>
 *
 * <p>Time is simulated: the executor, the adapters and the simulated GitHub share a {@link ManualClock} that starts
 * an hour after the last P3-007 commit and moves only when the run waits (polling CI, backing off), so the demo
 * takes seconds and the revert commits, run ids on GitHub and times are the same every time. Two demos' reports
 * differ only in the run id and the sandbox's path, and in what a real Docker engine measured (its disk usage and
 * events), when one was reachable.
 *
 * <p>Without a reachable Docker engine, the run is told to skip the Docker adapter
 * ({@link RunOptions#withSkipUnavailable(String...)}): its checks are reported {@code SKIPPED} and its signals
 * unknown, with the reason, and the demo says so. It needs no network, no terminal and no {@code git} command; the
 * plan's local checks run {@code make} and {@code sh} in the sandbox.
 */
public final class Demo {

  /** The simulated GitHub repository. */
  public static final String REPOSITORY = "acme/sample-service";

  /** The token the simulated GitHub requires; it is redacted from every output like a real one. */
  static final String TOKEN = "ghp_demoSandboxToken0123456789abcdefABCD";

  /** Who approves and confirms in the demo. */
  public static final String APPROVER = "demo-maintainer";

  /** Why the demo approves without asking. */
  public static final String WHY = "./rollback demo approves and confirms by itself: the sandbox holds nothing real;"
      + " a real run asks people, on the terminal or on GitHub";

  private final Path directory;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream progress;

  private Demo(Builder b) {
    this.directory = b.directory;
    this.environment = b.environment;
    this.out = b.out;
    this.progress = b.progress;
  }

  /**
   * Starts configuring a demo.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a demo made and did.
   *
   * @param sandbox the sandbox's root directory
   * @param sandboxRepository the generated repository and its origin
   * @param journal the journal's directory
   * @param runbook the rendered runbook
   * @param incidentReport the incident report
   * @param notifications the directory of the Markdown notifications
   * @param report the run's report
   * @param github the simulated GitHub repository, as it is after the run (the server is stopped)
   * @param dockerSkipped why the Docker adapter was skipped, when it was
   */
  public record Result(Path sandbox, Sandbox sandboxRepository, Path journal, Path runbook, Path incidentReport,
      Path notifications, RollbackReport report, FakeRepository github, Optional<String> dockerSkipped) {}

  /**
   * Builds the sandbox, runs the plan, writes the runbook and the incident report, and says where everything is.
   *
   * @return what it made and did
   * @throws IOException when the sandbox cannot be made or written
   */
  public Result run() throws IOException {
    Path root = (directory != null ? directory : Files.createTempDirectory("rollback-demo-")).toAbsolutePath()
        .normalize();
    RollbackPlan plan = P3007Plan.plan();
    out.println("Rollback demo: the P3-007 runbook, end to end, in a sandbox.");
    out.println();
    Sandbox sandbox = Sandbox.create(root, SandboxSpec.demo());
    out.println("Sandbox:   " + root);
    out.println("           work/ is a clone of origin.git/: " + (SandboxSpec.demo().commits() + 2)
        + " commits, the last two P3-007's:");
    for (String c : sandbox.changeCommits()) {
      out.println("           " + c.substring(0, 12) + " " + subject(sandbox, c));
    }
    Instant lastCommit = SandboxSpec.demo().start().plus(Duration.ofHours(SandboxSpec.demo().commits() + 1));
    ManualClock clock = ManualClock.at(lastCommit.plus(Duration.ofHours(1)));
    try (FakeGitHub fake = FakeGitHub.builder().clock(clock).requireToken(TOKEN).start()) {
      FakeRepository repo = fake.repository(REPOSITORY);
      repo.branch("main", sandbox.head());
      Instant detected = seedCi(repo.workflow("ci.yml").named("CI"), sandbox, clock.instant());
      out.println("GitHub:    simulated GitHub at " + fake.baseUrl() + " (rollback-testkit's FakeGitHub, every"
          + " exchange checked against GitHub's OpenAPI description), repository " + REPOSITORY + ":");
      out.println("           CI (ci.yml) on main: 6 runs passed before P3-007, 4 failed after it, 2 are in"
          + " progress; a run dispatched now passes");
      GitHubAdapter github = GitHubAdapter.builder(GitHubTarget.of(REPOSITORY).baseUrl(fake.baseUrl()))
          .token(TOKEN).clock(clock).sleeper(clock).build();
      Optional<DockerAdapter> docker = docker();
      out.println("Time:      simulated: the clock starts at " + clock.instant() + ", an hour after the last"
          + " commit, and moves only when the run waits, so the demo takes seconds and gives the same report"
          + " every time");
      out.println("Approvals: automatic, as " + APPROVER + " (" + WHY + ")");
      out.println();
      Path journalDir = root.resolve("journal");
      Path notifications = root.resolve("notifications");
      RollbackExecutor.Builder b = RollbackExecutor.builder()
          .workspace(sandbox.work())
          .adapter(GitAdapter.open(sandbox.work()))
          .adapter(github)
          .journal(Journal.directory(journalDir))
          .approver(Approvers.automatic(APPROVER, WHY))
          .notifier("github-issue", GitHubNotifier.issuePerRun(github, "rollback", "P3-007"))
          .notifier("chat", Notifiers.markdownFiles(notifications))
          .listener(Progress.console(progress))
          .listener(e -> pushed(e, sandbox, repo))
          .clock(clock)
          .sleeper(clock);
      docker.ifPresent(b::adapter);
      RollbackReport report;
      try (RollbackExecutor executor = b.build()) {
        report = executor.run(plan, RunOptions.defaults().withSkipUnavailable("docker").withDetectedAt(detected)
            .withPlanSource(P3007Plan.class.getName()));
      }
      fake.assertNoViolations();
      Path runbook = root.resolve("runbook.md");
      Path incident = root.resolve("incident-report.md");
      Files.writeString(runbook, plan.toMarkdown(), StandardCharsets.UTF_8);
      Files.writeString(incident, report.toMarkdown(), StandardCharsets.UTF_8);
      Optional<String> dockerSkipped = Optional.ofNullable(report.unavailable().get("docker"));
      out.println();
      out.print(report.toMarkdown());
      out.println();
      out.println("What happened on the simulated GitHub:");
      for (FakeRun r : repo.workflow("ci.yml").runs()) {
        if (!r.status().equals("completed") || !r.conclusion().orElse("").equals("failure")
            && !r.conclusion().orElse("").equals("success") || r.event().equals("workflow_dispatch")) {
          out.println("  run " + r.id() + " (" + r.event() + ", " + r.headSha().substring(0, 12) + "): "
              + r.status() + r.conclusion().map(c -> ", " + c).orElse(""));
        }
      }
      repo.issues().forEach(i -> out.println("  issue #" + i.number() + ": " + i.title()));
      dockerSkipped.ifPresent(why -> {
        out.println();
        out.println("Docker:    no engine answered, so the Docker checks and signals were skipped: " + why);
        out.println("           (scripts/lib/docker-engine.sh can start a private engine; see DEVELOPERS.md)");
      });
      out.println();
      out.println("Sandbox: " + root);
      out.println("  journal:         " + journalDir + " (run " + report.runId() + ")");
      out.println("  runbook:         " + runbook);
      out.println("  incident report: " + incident);
      out.println("  notifications:   " + notifications + ", and the issue on the simulated GitHub");
      out.flush();
      return new Result(root, sandbox, journalDir, runbook, incident, notifications, report, repo, dockerSkipped);
    }
  }

  /**
   * Seeds CI's history on main: six green runs before P3-007, then a red one for each P3-007 commit and two more
   * after, three minutes apart, and two runs in progress; runs dispatched from now on pass after four minutes.
   *
   * @return when the third red run failed, which is when the plan's trigger (three failures in a row) fired: when
   *     the problem was detected
   */
  private static Instant seedCi(FakeWorkflow ci, Sandbox sandbox, Instant now) {
    for (int i = 0; i < 6; i++) {
      ci.newRun().branch("main").headSha(sandbox.stableCommit()).createdAt(now.minus(Duration.ofHours(7 - i)))
          .script(RunScript.succeedsAfter(Duration.ofMinutes(7))).create();
    }
    List<String> red = List.of(sandbox.changeCommits().get(0), sandbox.changeCommits().get(1),
        sandbox.changeCommits().get(1), sandbox.changeCommits().get(1));
    Duration took = Duration.ofMinutes(2);
    List<Instant> failedAt = new ArrayList<>();
    for (int i = 0; i < red.size(); i++) {
      Instant created = now.minus(Duration.ofMinutes(13 - 3L * i));
      ci.newRun().branch("main").headSha(red.get(i)).createdAt(created).script(RunScript.failsAfter(took)).create();
      failedAt.add(created.plus(took));
    }
    for (int i = 2; i >= 1; i--) {
      ci.newRun().branch("main").headSha(sandbox.head()).createdAt(now.minus(Duration.ofMinutes(i)))
          .script(RunScript.neverFinishes()).create();
    }
    ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(4)).queuedFor(Duration.ofSeconds(20)));
    return failedAt.get(2);
  }

  /** The Docker adapter for the environment's engine, or none when the environment names an unusable one. */
  private Optional<DockerAdapter> docker() {
    try {
      DockerAdapter d = Docker.builder().environment(environment).adapter();
      out.println("Docker:    " + d.docker().host() + " (" + d.docker().hostSource() + "), used when it answers; otherwise the run"
          + " skips the Docker checks and signals, with the reason");
      return Optional.of(d);
    } catch (RuntimeException e) {
      out.println("Docker:    no usable engine address (" + e.getMessage() + "); the Docker checks and signals"
          + " are skipped");
      return Optional.empty();
    }
  }

  /** Plays GitHub receiving a push: after each applied step, the simulated repository's branches follow origin. */
  private static void pushed(RunEvent e, Sandbox sandbox, FakeRepository repo) {
    if (!(e instanceof RunEvent.StepApplied)) {
      return;
    }
    try (Repository origin = new FileRepositoryBuilder().setGitDir(sandbox.origin().toFile()).build()) {
      for (Ref r : origin.getRefDatabase().getRefsByPrefix("refs/heads/")) {
        String name = r.getName().substring("refs/heads/".length());
        if (r.getObjectId() != null && !repo.branchHead(name).equals(Optional.of(r.getObjectId().name()))) {
          repo.branch(name, r.getObjectId().name());
        }
      }
    } catch (IOException x) {
      throw new UncheckedIOException("cannot read the sandbox's origin " + sandbox.origin(), x);
    }
  }

  private static String subject(Sandbox sandbox, String commit) throws IOException {
    try (Repository r = new FileRepositoryBuilder().setGitDir(sandbox.origin().toFile()).build();
        org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(r)) {
      return walk.parseCommit(r.resolve(commit)).getShortMessage();
    }
  }

  /** Configures a {@link Demo}. */
  public static final class Builder {
    private Path directory;
    private Map<String, String> environment = System.getenv();
    private PrintStream out = System.out;
    private PrintStream progress = System.err;

    private Builder() {}

    /**
     * Where to build the sandbox: an empty or missing directory; a new temporary directory unless set.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder directory(Path dir) {
      this.directory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The environment the Docker engine is found in ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}); the process's
     * unless set.
     *
     * @param environment the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * Where the narration and the report go; standard output unless set.
     *
     * @param out the stream
     * @return this builder
     */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Where the progress display goes; standard error unless set.
     *
     * @param progress the stream
     * @return this builder
     */
    public Builder progress(PrintStream progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Builds the demo; nothing is made until {@link Demo#run()}.
     *
     * @return the demo
     */
    public Demo build() {
      return new Demo(this);
    }
  }
}
