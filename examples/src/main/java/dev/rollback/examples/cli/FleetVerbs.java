package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.run.Notifiers;
import dev.rollback.spi.Notifier;
import dev.rollback.temporal.FleetClient;
import dev.rollback.temporal.FleetReport;
import dev.rollback.temporal.FleetSpec;
import dev.rollback.temporal.FleetState;
import dev.rollback.temporal.FleetTarget;
import dev.rollback.temporal.FleetWorker;
import dev.rollback.temporal.TargetReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * The fleet commands, on a Temporal server ({@code --temporal HOST:PORT}, {@code --namespace NS}, default
 * {@code default}): {@code worker}, {@code fleet}, {@code status}, {@code approve}, {@code abort}.
 */
final class FleetVerbs {

  private FleetVerbs() {}

  /** The commands, in the order the usage lists them. */
  static List<Verb> all(Map<String, String> env, PrintStream err) {
    return List.of(new WorkerVerb(env, err), new FleetVerb(env, err), new StatusVerb(), new ApproveVerb(),
        new AbortVerb());
  }

  static final String SERVER_USAGE = " --temporal HOST:PORT [--namespace NS]";

  /** Flags of a fleet command: valued ones, switches, positionals. */
  static final class Args {
    final Map<String, List<String>> values = new HashMap<>();
    final Set<String> switches = new java.util.HashSet<>();
    final List<String> positionals = new ArrayList<>();

    static Args parse(List<String> args, Set<String> valued, Set<String> flags, int positionals, String what) {
      Args a = new Args();
      for (int i = 0; i < args.size(); i++) {
        String s = args.get(i);
        if (valued.contains(s)) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(s + " needs a value");
          }
          a.values.computeIfAbsent(s, k -> new ArrayList<>()).add(args.get(++i));
        } else if (flags.contains(s)) {
          a.switches.add(s);
        } else if (s.startsWith("--")) {
          throw new UsageException("unknown option '" + s + "'");
        } else {
          a.positionals.add(s);
        }
      }
      if (a.positionals.size() != positionals) {
        throw new UsageException(positionals == 0 ? "takes no argument besides its options, got "
            + String.join(" ", a.positionals) : "expected " + what + ", got " + (a.positionals.isEmpty() ? "none"
            : String.join(" ", a.positionals)));
      }
      return a;
    }

    Optional<String> value(String flag) {
      List<String> v = values.get(flag);
      return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    List<String> all(String flag) {
      return values.getOrDefault(flag, List.of());
    }

    String temporal() {
      String t = value("--temporal").orElseThrow(() -> new UsageException("--temporal HOST:PORT is required: the"
          + " Temporal server's frontend (7233 on a local cluster)"));
      if (!t.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
        throw new UsageException("--temporal takes HOST:PORT, such as 127.0.0.1:7233, was '" + t + "'");
      }
      return t;
    }

    String namespace() {
      return value("--namespace").orElse("default");
    }

    String taskQueue() {
      return value("--task-queue").orElse(FleetWorker.TASK_QUEUE);
    }
  }

  static final Set<String> SERVER = Set.of("--temporal", "--namespace", "--task-queue");

  static Set<String> with(Set<String> base, String... more) {
    Set<String> s = new java.util.HashSet<>(base);
    s.addAll(List.of(more));
    return s;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");

  /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 2d}. */
  static Duration duration(String flag, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new UsageException(flag + " takes a duration such as 90s, 30m, 24h or 2d, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofDays(n);
    }
  }

  /** The channels of {@code --notify NAME=files:DIR} and {@code --notify NAME=log}. */
  static Map<String, Notifier> notifiers(List<String> specs) {
    Map<String, Notifier> out = new LinkedHashMap<>();
    for (String n : specs) {
      int eq = n.indexOf('=');
      if (eq < 1) {
        throw new UsageException("--notify takes NAME=SPEC, such as chat=files:notifications, was '" + n + "'");
      }
      String spec = n.substring(eq + 1);
      if (spec.equals("log")) {
        out.put(n.substring(0, eq), Notifiers.log());
      } else if (spec.startsWith("files:") && spec.length() > "files:".length()) {
        out.put(n.substring(0, eq), Notifiers.markdownFiles(Path.of(spec.substring("files:".length()))
            .toAbsolutePath().normalize()));
      } else {
        throw new UsageException("--notify " + n + ": a worker's channels are files:DIR and log");
      }
    }
    return out;
  }

  /**
   * A fleet command: picocli gives it {@code --help} and completion, and it reads what follows its name with its own
   * parser ({@link Args}).
   */
  abstract static class OwnParserVerb implements Verb {
    @Mixin
    HelpOption help;

    /** Everything after the command's name. */
    @Unmatched
    List<String> given = new ArrayList<>();

    @Override
    public int execute(PrintStream out) {
      return run0(List.copyOf(given), out);
    }

    abstract int run0(List<String> args, PrintStream out);
  }

  /** {@code rollback worker}: runs a worker until stopped. */
  @Command(name = "worker")
  static final class WorkerVerb extends OwnParserVerb {
    private final Map<String, String> env;
    private final PrintStream err;

    WorkerVerb(Map<String, String> env, PrintStream err) {
      this.env = Map.copyOf(env);
      this.err = err;
    }

    @Override
    public String arguments() {
      return SERVER_USAGE.strip() + " [--task-queue Q] [--notify NAME=files:DIR|log]... [--identity NAME]"
          + " [--test-server]";
    }

    @Override
    public String summary() {
      return "run fleet workflows and their steps on this machine (Git on each target's repository) until stopped";
    }

    @Override
    int run0(List<String> args, PrintStream out) {
      Args a = Args.parse(args, with(SERVER, "--notify", "--identity"), Set.of("--test-server"), 0, "");
      Map<String, Notifier> channels = notifiers(a.all("--notify"));
      String identity = a.value("--identity").orElse("worker-" + ProcessHandle.current().pid() + "@"
          + hostName());
      var client = FleetClient.connectClient(a.temporal(), a.namespace(), identity);
      FleetWorker.Builder b = FleetWorker.builder(client).taskQueue(a.taskQueue())
          .plans(source -> PlanSource.load(source, env))
          .adapters(t -> List.of(GitAdapter.open(Path.of(t.repository()))))
          .forTestServer(a.switches.contains("--test-server"));
      channels.forEach(b::notifier);
      FleetWorker worker = b.build();
      worker.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        worker.close();
        stopped.countDown();
      }));
      err.println("rollback worker " + identity + ": ready on " + a.temporal() + ", namespace " + a.namespace()
          + ", task queue " + a.taskQueue() + "; stop it with Ctrl-C");
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        return "localhost";
      }
    }
  }

  /** {@code rollback fleet}: starts a fleet and follows it. */
  @Command(name = "fleet")
  static final class FleetVerb extends OwnParserVerb {
    private final Map<String, String> env;
    private final PrintStream err;

    FleetVerb(Map<String, String> env, PrintStream err) {
      this.env = Map.copyOf(env);
      this.err = err;
    }

    @Override
    public String arguments() {
      return "<plan> --targets FILE" + SERVER_USAGE + " [--id ID] [--canary K] [--concurrency N]"
          + " [--max-failures SHARE] [--deadline 24h] [--procedure NAME] [--yes] [--detach]";
    }

    @Override
    public String summary() {
      return "run the plan on every target of FILE as a fleet on Temporal and follow it; --yes approves as you;"
          + " exit 1 unless every target succeeded";
    }

    @Override
    int run0(List<String> args, PrintStream out) {
      Args a = Args.parse(args, with(SERVER, "--targets", "--id", "--canary", "--concurrency", "--max-failures",
          "--deadline", "--procedure", "--takeover"), Set.of("--yes", "--detach"), 1, "one <plan>");
      String source = RunVerb.source(a.positionals.get(0));
      RollbackPlan plan = PlanSource.load(a.positionals.get(0), env);
      plan.check().orThrow();  // a plan with problems is refused before anything starts (exit 2), as run refuses it
      List<FleetTarget> targets = FleetTarget.parse(Path.of(a.value("--targets").orElseThrow(() ->
          new UsageException("--targets FILE is required: one target a line, NAME REPOSITORY [remote=R]"))));
      FleetSpec spec;
      try {
        spec = FleetSpec.builder(a.value("--id").orElse("fleet-" + LocalDateTime.now(ZoneOffset.UTC).format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))), source, plan.hash(), plan.name())
            .targets(targets)
            .canary(integer(a, "--canary", 1)).concurrency(integer(a, "--concurrency", 4))
            .maxFailureShare(share(a))
            .deadline(duration("--deadline", a.value("--deadline").orElse("24h")))
            .takeover(a.value("--takeover").map(v -> duration("--takeover", v)).orElse(Duration.ZERO))
            .procedure(a.value("--procedure").orElse(""))
            .build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      try (FleetClient fleets = FleetClient.connect(a.temporal(), a.namespace())) {
        fleets.start(spec);
        err.println("rollback fleet: started " + spec.fleetId() + " (" + targets.size() + " targets, plan '"
            + plan.name() + "')");
        if (a.switches.contains("--yes")) {
          fleets.approve(spec.fleetId(), System.getProperty("user.name", "unknown") + " (--yes)");
        } else {
          err.println("rollback fleet: waiting for the approval: ./rollback approve " + spec.fleetId()
              + " --temporal " + a.temporal());
        }
        if (a.switches.contains("--detach")) {
          out.println(spec.fleetId());
          return 0;
        }
        return follow(fleets, spec.fleetId(), spec.deadlineSeconds(), out, err);
      }
    }

    private static int integer(Args a, String flag, int dflt) {
      String v = a.value(flag).orElse(Integer.toString(dflt));
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new UsageException(flag + " takes a whole number, was '" + v + "'");
      }
    }

    private static double share(Args a) {
      String v = a.value("--max-failures").orElse("0.2");
      try {
        return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new UsageException("--max-failures takes a share such as 0.2 or 20%, was '" + v + "'");
      }
    }
  }

  /** Follows a fleet, one line per change of a target, then prints its report; the exit status. */
  static int follow(FleetClient fleets, String id, long deadlineSeconds, PrintStream out, PrintStream err) {
    Map<String, String> seen = new HashMap<>();
    FleetState[] state = {null};
    FleetReport r = fleets.follow(id, Duration.ofMillis(500), Duration.ofSeconds(deadlineSeconds + 3600), now -> {
      if (now.state() != state[0]) {
        err.println("fleet " + id + ": " + now.state());
        state[0] = now.state();
      }
      for (TargetReport row : now.rows()) {
        String was = seen.put(row.target(), row.outcome().name());
        if (!row.outcome().name().equals(was) && (was != null || row.outcome().finished()
            || row.outcome() == dev.rollback.temporal.TargetOutcome.RUNNING)) {
          err.println("  " + row.target() + ": " + row.outcome() + (row.outcome().finished() && !row.evidence()
              .isEmpty() ? " - " + row.evidence() : ""));
        }
      }
    });
    out.print(r.toMarkdown());
    return r.state() == FleetState.SUCCEEDED ? 0 : 1;
  }

  /** {@code rollback status}. */
  @Command(name = "status")
  static final class StatusVerb extends OwnParserVerb {
    @Override
    public String arguments() {
      return "<fleet-id>" + SERVER_USAGE;
    }

    @Override
    public String summary() {
      return "print a fleet's report as it stands";
    }

    @Override
    int run0(List<String> args, PrintStream out) {
      Args a = Args.parse(args, SERVER, Set.of(), 1, "one <fleet-id>");
      try (FleetClient fleets = FleetClient.connect(a.temporal(), a.namespace())) {
        out.print(fleets.report(a.positionals.get(0)).toMarkdown());
        return 0;
      }
    }
  }

  /** {@code rollback approve}. */
  @Command(name = "approve")
  static final class ApproveVerb extends OwnParserVerb {
    @Override
    public String arguments() {
      return "<fleet-id>" + SERVER_USAGE + " [--as NAME]";
    }

    @Override
    public String summary() {
      return "approve a fleet that waits for it (as you, or --as NAME)";
    }

    @Override
    int run0(List<String> args, PrintStream out) {
      Args a = Args.parse(args, with(SERVER, "--as"), Set.of(), 1, "one <fleet-id>");
      String by = a.value("--as").orElse(System.getProperty("user.name", "unknown"));
      try (FleetClient fleets = FleetClient.connect(a.temporal(), a.namespace())) {
        fleets.approve(a.positionals.get(0), by);
        out.println("approved " + a.positionals.get(0) + " as " + by);
        return 0;
      }
    }
  }

  /** {@code rollback abort}. */
  @Command(name = "abort")
  static final class AbortVerb extends OwnParserVerb {
    @Override
    public String arguments() {
      return "<fleet-id>" + SERVER_USAGE;
    }

    @Override
    public String summary() {
      return "abort a fleet: no new target starts, running ones stop before their next step";
    }

    @Override
    int run0(List<String> args, PrintStream out) {
      Args a = Args.parse(args, SERVER, Set.of(), 1, "one <fleet-id>");
      try (FleetClient fleets = FleetClient.connect(a.temporal(), a.namespace())) {
        fleets.abort(a.positionals.get(0));
        out.println("aborted " + a.positionals.get(0));
        return 0;
      }
    }
  }
}
