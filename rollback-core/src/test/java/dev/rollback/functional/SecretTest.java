package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.rollback.Approvers;
import dev.rollback.Journal;
import dev.rollback.RollbackExecutor;
import dev.rollback.RollbackReport;
import dev.rollback.RunEvent;
import dev.rollback.RunOptions;
import dev.rollback.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
