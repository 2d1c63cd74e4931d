package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secret scan: with known secret values set (a secret the plan names, {@code GITHUB_TOKEN}, a webhook's URL from
 * {@code --notify webhook-env:VAR}, a token in the workspace's remote URL), the {@code ./rollback} launcher runs a plan
 * whose commands print all of them, as they are and encoded, on standard output and error: a passing run, a failing
 * run, and a run killed with SIGKILL in the middle of a step, then resumed. Afterwards every journal, report,
 * notification (Markdown files, the webhook's posts, the GitHub issues and comments), log line (at DEBUG) and
 * captured standard output and error is scanned: none holds any secret, as it is, URL-encoded or in a Basic header.
 */
class SecretScanIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static final String GITHUB_TOKEN = "ghp_ScanGitHubT0kenValue0987654321";
  static final String DEPLOY_KEY = "DeployKeyS3cretValue-7788";
  static final String HOOK_KEY = "HookKeyScanValue4242";
  static final String REMOTE_TOKEN = "ghs_ScanRemoteT0kenValue1234567890";

  private static final String PLAN = String.join("\n",
      "import static dev.rollback.Rollback.*;",
      "import dev.rollback.*;",
      "",
      "Command print = (Command.of(\"sh\", \"-c\", String.join(\"; \",",
      "    \"echo gh=$GITHUB_TOKEN hook=$HOOK_URL key=$DEPLOY remote=$(git remote get-url origin)\",",
      "    \"echo encoded=$(printf %s \\\"$HOOK_URL\\\" | sed 's#:#%3A#g; s#/#%2F#g')\",",
      "    \"echo basic=$(printf 'x-access-token:%s' \\\"$GITHUB_TOKEN\\\" | base64 | tr -d '\\\\n')\",",
      "    \"echo stderr: $GITHUB_TOKEN $DEPLOY $HOOK_URL >&2\",",
      "    \"if [ -f slow ]; then touch in-step; sleep 60; fi\"))",
      "    .env(\"DEPLOY\", secret(\"DEPLOY_KEY\")));",
      "Command check = Command.of(\"sh\", \"-c\", \"echo checking $GITHUB_TOKEN $HOOK_URL; git remote -v >&2;"
          + " test ! -f fail-now\");",
      "RollbackPlan plan = (plan(\"secret scan\")",
      "    .severity(severity(\"high\").when(declared(\"broken\")).rollbackWithin(hours(1))"
          + ".approval(single(\"maintainer\")))",
      "    .procedure(procedure(\"standard\")",
      "        .phase(phase(\"Print everything\")",
      "            .step(Steps.run(print).effect(Effect.READ_ONLY).as(\"printed\"))",
      "            .validate(Checks.command(check).named(\"nothing is wrong\"))))",
      "    .communicate(message(\"done\").on(NotificationEvent.ROLLBACK_COMPLETED).title(\"{{plan}} rolled back\")",
      "        .body(\"Printed: {{printed}}\").via(\"chat\").via(\"hook\").via(\"incidents\"))",
      "    .communicate(message(\"failed\").on(NotificationEvent.ROLLBACK_FAILED).title(\"{{plan}}: {{status}}\")",
      "        .body(\"{{summary}} / printed: {{printed}}\").via(\"chat\").via(\"hook\").via(\"incidents\"))",
      "    .build());",
      "");

  private Path dir;
  private Path ws;
  private FakeGitHub github;
  private HttpServer hook;
  private String hookUrl;
  private final List<String> posted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("rollback-secret-scan");
    ws = Files.createDirectories(dir.resolve("ws"));
    GitCli.git(ws, "init", "-q", "-b", "main");
    GitCli.git(ws, "remote", "add", "origin", "https://x-access-token:" + REMOTE_TOKEN
        + "@127.0.0.1:1/acme/shop.git");
    Files.writeString(ws.resolve(".gitignore"), ".rollback/\nnotifications/\nslow\nin-step\nfail-now\n");
    GitCli.git(ws, "add", "-A");
    GitCli.git(ws, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
    Files.writeString(dir.resolve("plan.jsh"), PLAN);

    github = FakeGitHub.builder().requireToken(GITHUB_TOKEN).start();
    github.repository("acme/shop");
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext("/", x -> {
      try (InputStream in = x.getRequestBody()) {
        posted.add(x.getRequestURI() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    hook.start();
    hookUrl = "http://127.0.0.1:" + hook.getAddress().getPort() + "/services/T000/B000/" + HOOK_KEY;
  }

  @AfterEach
  void tearDown() throws IOException {
    hook.stop(0);
    github.close();
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void noJournalReportNotificationLogOrStreamOfAPassingAFailingAndAKilledRunHoldsASecret() throws Exception {
    // A passing run.
    Launched passing = launch("passing", "run", dir.resolve("plan.jsh").toString(), "--declare", "broken", "--yes");
    assertThat(passing.exit()).as(passing.describe()).isZero();
    assertThat(passing.out()).contains("**SUCCEEDED**", "gh=*** hook=*** key=*** remote=https://x-access-token:***@",
        "encoded=***", "basic=eC1hY2Nlc3MtdG9rZW46***");

    // A failing run: the validation fails after printing the secrets again.
    Files.writeString(ws.resolve("fail-now"), "");
    Launched failing = launch("failing", "run", dir.resolve("plan.jsh").toString(), "--declare", "broken", "--yes");
    assertThat(failing.exit()).as(failing.describe()).isEqualTo(1);
    assertThat(failing.out()).contains("**HALTED**", "gh=*** hook=*** key=***");
    Files.delete(ws.resolve("fail-now"));

    // A run killed with SIGKILL while its step runs, then resumed.
    Files.writeString(ws.resolve("slow"), "");
    List<String> before = journals();
    Process killed = start("killed", "run", dir.resolve("plan.jsh").toString(), "--declare", "broken", "--yes");
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(ws.resolve("in-step")) && killed.isAlive() && System.nanoTime() < until) {
      killed.waitFor(50, TimeUnit.MILLISECONDS);
    }
    assertThat(ws.resolve("in-step")).as("the step started before the kill").exists();
    List<ProcessHandle> children = killed.descendants().collect(Collectors.toList());
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    children.forEach(ProcessHandle::destroyForcibly);
    assertThat(killed.exitValue()).isEqualTo(137);
    Files.delete(ws.resolve("slow"));
    List<String> runs = journals();
    runs.removeAll(before);
    assertThat(runs).hasSize(1);
    String runId = runs.get(0).replace(".jsonl", "");
    Launched resumed = launch("resumed", "resume", runId, "--yes");
    assertThat(resumed.exit()).as(resumed.describe()).isZero();
    assertThat(resumed.out()).contains("**SUCCEEDED**", "gh=*** hook=*** key=***");

    // What the secrets reached, besides the workspace's own .git/config.
    Map<String, String> places = new LinkedHashMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.startsWith(ws.resolve(".git")))
          .collect(Collectors.toList())) {
        places.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(places.keySet()).as("the places scanned").contains("passing.out", "passing.err", "failing.out",
        "failing.err", "killed.out", "killed.err", "resumed.out", "resumed.err")
        .anyMatch(p -> p.startsWith("ws/.rollback/") && p.endsWith(".jsonl"))
        .anyMatch(p -> p.startsWith("ws/notifications/") && p.endsWith("-done.md"))
        .anyMatch(p -> p.startsWith("ws/notifications/") && p.endsWith("-failed.md"));
    assertThat(posted).as("webhook posts").hasSize(3);
    for (int i = 0; i < posted.size(); i++) {
      places.put("webhook post " + i, posted.get(i).substring(posted.get(i).indexOf(' ') + 1));
    }
    List<RecordedRequest> requests = github.requests();
    assertThat(requests).as("requests to GitHub").anyMatch(r -> r.is("issues/create"));
    for (RecordedRequest r : requests) {
      places.put("GitHub " + r.method() + " " + r.path(), r.query() + " " + r.body());
    }
    assertThat(places.get("passing.err")).as("DEBUG logs reach standard error").contains("DEBUG");
    // The failing validation printed the secrets and `git remote -v`: what was kept of it is masked.
    assertThat(places.values()).anyMatch(t -> t.contains("checking *** ***"))
        .anyMatch(t -> t.contains("https://x-access-token:***@127.0.0.1:1/acme/shop.git (push)"));

    Map<String, String> forms = new LinkedHashMap<>();
    for (String secret : List.of(GITHUB_TOKEN, DEPLOY_KEY, hookUrl, "/services/T000/B000/" + HOOK_KEY, HOOK_KEY,
        REMOTE_TOKEN)) {
      forms.put(secret, secret);
      forms.put("URL-encoded " + secret, URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
    forms.put("Basic header", Base64.getEncoder().encodeToString(("x-access-token:" + GITHUB_TOKEN)
        .getBytes(StandardCharsets.UTF_8)));
    List<String> leaks = new ArrayList<>();
    places.forEach((where, text) -> forms.forEach((what, form) -> {
      if (text.contains(form)) {
        leaks.add(what + " in " + where);
      }
    }));
    assertThat(leaks).as("secrets found in %s places", places.size()).isEmpty();
  }

  /** A launcher run that finished, with its captured streams. */
  private record Launched(String name, int exit, String out, String err) {
    String describe() {
      return name + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private Launched launch(String name, String... args) throws Exception {
    Process p = start(name, args);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", name).isTrue();
    return new Launched(name, p.exitValue(), Files.readString(dir.resolve(name + ".out")),
        Files.readString(dir.resolve(name + ".err")));
  }

  private Process start(String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("rollback").toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--repo", ws.toString(), "--github", "acme/shop", "--github-url", github.baseUrl(),
        "--notify", "chat=files:notifications", "--notify", "hook=webhook-env:HOOK_URL",
        "--notify", "incidents=github-issue"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    Map<String, String> env = pb.environment();
    env.put("GITHUB_TOKEN", GITHUB_TOKEN);
    env.put("DEPLOY_KEY", DEPLOY_KEY);
    env.put("HOOK_URL", hookUrl);
    env.remove("GITHUB_REPOSITORY");
    env.remove("GITHUB_API_URL");
    // Every logger at DEBUG, on standard error: what a user debugging a run would see.
    env.put("ROLLBACK_JAVA_OPTS", Optional.ofNullable(System.getenv("ROLLBACK_JAVA_OPTS")).orElse("")
        + " -Dorg.slf4j.simpleLogger.defaultLogLevel=debug -Dorg.slf4j.simpleLogger.log.dev.rollback.run=debug");
    return pb.start();
  }

  /** The names of the journals in the workspace. */
  private List<String> journals() throws IOException {
    Path journal = ws.resolve(".rollback");
    if (!Files.isDirectory(journal)) {
      return new ArrayList<>();
    }
    try (Stream<Path> s = Files.list(journal)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }
}
