package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.RecoveryStrategy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the secrets a run resolves were gathered from the procedures only, so a recovery strategy's step
 * that needs a secret halted with "needs secret 'TOKEN', which is not set" although the resolver supplies it,
 * while the same step inside a procedure ran.
 */
class RecoverySecretTest {

  private static final String TOKEN = "r3cover-T0KEN-7";

  @TempDir
  Path dir;

  /** A step that writes the secret's length to a file. */
  private static Step usesTheToken() {
    return Steps.run(Command.of("sh", "-c", "printf %s \"$TOKEN\" | wc -c > token-length")
        .env("TOKEN", Rollback.secret("TOKEN"))).named("use the token");
  }

  /** The step in the procedure, or in the recovery strategy only (the procedure then needs no secret). */
  private static RollbackPlan plan(boolean inRecovery) {
    Step plain = Steps.command("touch", "token-length").named("no token");
    return Rollback.plan("secret in a recovery")
        .severity(Rollback.severity("high").when(Rollback.declared("broken")).rollbackWithin(Rollback.hours(24))
            .approval(Rollback.single("maintainer")))
        .procedure(Rollback.procedure("gradual").phase(Rollback.phase("use")
            .step(inRecovery ? plain : usesTheToken()).validate(Checks.command("test", "-f", "token-length"))))
        .recovery(Rollback.recovery("forward", RecoveryStrategy.Kind.FORWARD)
            .approval(Rollback.single("maintainer"))
            .phase(Rollback.phase("use")
                .step(inRecovery ? usesTheToken() : plain).validate(Checks.command("test", "-f", "token-length"))))
        .build();
  }

  private RollbackExecutor executor(Path workspace) {
    return RollbackExecutor.builder().workspace(workspace).journal(Journal.inMemory())
        .approver(Approvers.automatic("alice", "test"))
        .secrets(name -> name.equals("TOKEN") ? Optional.of(TOKEN) : Optional.empty()).build();
  }

  @Test
  void aRecoveryStepGetsTheSecretTheResolverSupplies() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("recovery"));
    RollbackReport report = executor(workspace).recover(plan(true), "forward", RunOptions.defaults());

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(workspace.resolve("token-length")).strip()).isEqualTo(
        String.valueOf(TOKEN.length()));
  }

  @Test
  void theSameStepInAProcedureGetsItToo() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("procedure"));
    RollbackReport report = executor(workspace).run(plan(false), RunOptions.defaults().withDeclared("broken"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(workspace.resolve("token-length")).strip()).isEqualTo(
        String.valueOf(TOKEN.length()));
  }
}
