package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.NotificationEvent;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.SecretMask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A value marked secret appears nowhere: not in the journal, the report, the logs, the events, nor an exception. */
class SecretTest {

  static final String TOKEN = "s3cr3t-T0KEN-42";
  static final String ADAPTER_SECRET = "adapter-secret-99";

  @TempDir
  Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger rollback = (Logger) LoggerFactory.getLogger("dev.rollback");
  private Level before;

  @BeforeEach
  void captureLogs() {
    before = rollback.getLevel();
    rollback.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapture() {
    root.detachAppender(logs);
    rollback.setLevel(before);
  }

  private RollbackExecutor executor(Harness h, Ledger sent, Optional<String> failingSecret) {
    return RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve("journal")))
        .clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(h.adapter).listener(h.events::add)
        .notifier("file", new FileNotifier(sent))
        .secrets(name -> {
          if (failingSecret.isPresent() && name.equals(failingSecret.get())) {
            throw new IllegalStateException("the vault refused " + ADAPTER_SECRET);
          }
          return Optional.of(TOKEN);
        }).build();
  }

  @Test
  void aSecretValueAppearsNowhereTheExecutorWrites() throws Exception {
    Harness h = new Harness(dir, List.of(ADAPTER_SECRET));
    Ledger sent = new Ledger(dir.resolve("notifications"));
    RollbackExecutor executor = executor(h, sent, Optional.empty());
    RollbackReport report = executor.run(TestPlans.secrets(), RunOptions.defaults().withSeverity("high"));

    // The secret did flow: to the command, to the adapter, and into what they returned.
    assertThat(report.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    assertThat(report.outputs()).containsEntry("echoed", "token=***").containsEntry("used", "***");
    assertThat(report.step("refused").get().error()).hasValue(
        "IllegalStateException: the service refused token *** (caused by IOException: 401 for ***)");
    assertThat(report.step("refused command").get().error().get()).contains("refused ***");
    assertThat(report.phase("echo").get().validations().get(0).evidence().get("output")).isEqualTo("refused ***");

    List<String> places = new ArrayList<>();
    places.add(Files.readString(dir.resolve("journal").resolve(report.runId() + ".jsonl")));
    places.add(report.toMarkdown());
    places.add(report.toJson());
    places.add(report.toString());
    places.addAll(sent.lines());
    RollbackReport again = executor.resume(TestPlans.secrets(), report.runId());
    places.add(again.toJson());
    for (RunEvent e : h.events) {
      places.add(e.describe());
      places.add(e.toString());
    }
    for (ILoggingEvent e : logs.list) {
      places.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        places.add(t.getMessage());
      }
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(sent.lines()).hasSize(1);
    for (String place : places) {
      assertThat(place).doesNotContain(TOKEN).doesNotContain(ADAPTER_SECRET);
    }
  }

  @Test
  void anExceptionLeavingTheExecutorCarriesNoSecret() {
    Harness h = new Harness(dir, List.of(ADAPTER_SECRET));
    Throwable thrown = catchThrowable(() -> executor(h, new Ledger(dir.resolve("n")), Optional.of("API_TOKEN"))
        .run(TestPlans.secrets(), RunOptions.defaults().withSeverity("high")));

    assertThat(thrown).hasMessage("secret 'API_TOKEN' could not be read: IllegalStateException: the vault refused ***");
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(ADAPTER_SECRET);
      assertThat(t.toString()).doesNotContain(ADAPTER_SECRET);
    }
    assertThat(h.ledger.lines()).isEmpty();
  }

  static final String HOOK = "https://hooks.example.com/services/T000/B000/HookKEYvalue42";
  static final String ENV_TOKEN = "ghp_EnvironmentT0kenValue0987654321";

  /** A channel whose URL is a secret, as {@code Notifiers.webhook} is; it writes to the ledger instead of posting. */
  private static Notifier hook(Ledger sent) {
    return new Notifier() {
      @Override
      public Delivery send(Notification n) {
        sent.append(n.title() + " | " + n.body().replace('\n', ' '));
        return new Delivery("webhook", "hooks.example.com/***");
      }

      @Override
      public Collection<String> secrets() {
        return List.of(HOOK);
      }
    };
  }

  /**
   * A plan whose command prints the webhook's URL and a token of the environment as they are, URL-encoded and in a
   * Basic header, and fails after a long output so that its tail is cut through the token.
   */
  private static RollbackPlan printing() {
    String print = "printf 'hook=%s\\n' \"$HOOK\"; printf 'token=%s\\n' \"$TOK\";"
        + " printf 'enc=%s\\n' \"$(printf %s \"$HOOK\" | sed 's#:#%3A#g; s#/#%2F#g')\";"
        + " printf 'basic=%s\\n' \"$(printf 'x-access-token:%s' \"$TOK\" | base64 | tr -d '\\n')\"";
    // The token, then 1990 characters: the last 2000 characters of the output start inside the token.
    String longThenToken = "printf '%s' \"$TOK\"; printf '%01990d' 0; exit 3";
    Command prints = Command.of("sh", "-c", print).env("HOOK", HOOK).env("TOK", ENV_TOKEN);
    Command fails = Command.of("sh", "-c", longThenToken).env("TOK", ENV_TOKEN);
    return Rollback.plan("printing")
        .severity(Rollback.severity("high").when(Rollback.declared("broken")).rollbackWithin(Rollback.hours(24))
            .approval(Rollback.single("maintainer")))
        .procedure(Rollback.procedure("gradual")
            .phase(Rollback.phase("print")
                .step(Steps.run(prints).effect(Effect.READ_ONLY).as("printed"))
                .validate(Checks.command(fails).named("long output"))
                .onFailure(FailurePolicy.CONTINUE)))
        .communicate(Rollback.message("failed").on(NotificationEvent.ROLLBACK_FAILED).title("{{plan}}: {{status}}")
            .body("printed {{printed}}; {{summary}}").via("hook"))
        .build();
  }

  @Test
  void aNotifiersSecretAndAValueOfTheSharedMaskAreMaskedInCommandOutputInEveryForm() throws Exception {
    Harness h = new Harness(dir);
    Ledger sent = new Ledger(dir.resolve("hook"));
    SecretMask shared = SecretMask.of(ENV_TOKEN);
    RollbackExecutor executor = RollbackExecutor.builder().workspace(dir)
        .journal(Journal.directory(dir.resolve("journal"))).clock(h.clock).approver(Approvers.automatic("alice", "t"))
        .listener(h.events::add).notifier("hook", hook(sent)).secretMask(shared).build();

    RollbackReport report = executor.run(printing(), RunOptions.defaults().withDeclared("broken"));

    // In base64, the characters that mix the token's last bits with the padding are left: never a character of it.
    assertThat((String) report.outputs().get("printed"))
        .matches("hook=\\*\\*\\*\ntoken=\\*\\*\\*\nenc=\\*\\*\\*\nbasic=eC1hY2Nlc3MtdG9rZW46\\*\\*\\*.{0,3}");
    String tail = (String) report.phase("print").get().validations().get(0).evidence().get("output");
    assertThat(tail).startsWith("***0000").hasSize(3 + 1990);
    // The run added what it learned (the notifier's URL) to the shared mask.
    assertThat(shared.apply(HOOK)).isEqualTo("***");

    List<String> places = new ArrayList<>();
    places.add(Files.readString(dir.resolve("journal").resolve(report.runId() + ".jsonl")));
    places.add(report.toMarkdown());
    places.add(report.toJson());
    places.addAll(sent.lines());
    h.events.forEach(e -> places.add(e.describe()));
    logs.list.forEach(e -> places.add(e.getFormattedMessage()));
    assertThat(sent.lines()).hasSize(1);
    for (String place : places) {
      assertThat(place).doesNotContain(ENV_TOKEN).doesNotContain(HOOK).doesNotContain("HookKEYvalue42")
          .doesNotContain(ENV_TOKEN.substring(ENV_TOKEN.length() - 12))
          .doesNotContain(URLEncoder.encode(HOOK, StandardCharsets.UTF_8))
          .doesNotContain(Base64.getEncoder().encodeToString(("x-access-token:" + ENV_TOKEN)
              .getBytes(StandardCharsets.UTF_8)));
    }
  }
}
