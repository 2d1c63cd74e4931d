package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.RollbackPlan;
import dev.rollback.examples.P3007Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled plan scripts' cache: only a script's first run compiles it; a bad entry is compiled again. */
class PlanCacheTest {

  private static final Path P3007 = Path.of("jshell/p3-007.jsh");
  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir
  Path cache;

  @Test
  void aScriptsSecondRunReplaysItsCompiledFormAndGivesTheSamePlan() throws IOException {
    RollbackPlan first = PlanScript.evaluate(P3007, LIMIT, Optional.of(cache));
    assertThat(entries()).hasSize(1);
    int replays = PlanCache.REPLAYS.get();

    RollbackPlan second = PlanScript.evaluate(P3007, LIMIT, Optional.of(cache));

    assertThat(PlanCache.REPLAYS.get()).isEqualTo(replays + 1);
    assertThat(second.hash()).isEqualTo(first.hash()).isEqualTo(P3007Plan.plan().hash());
    assertThat(second.toMarkdown()).isEqualTo(first.toMarkdown());
  }

  @Test
  void aCorruptOrCutShortEntryIsCompiledAgainNeverTrusted() throws IOException {
    PlanScript.evaluate(P3007, LIMIT, Optional.of(cache));
    Path entry = entries().get(0);
    byte[] sound = Files.readAllBytes(entry);
    byte[] flipped = sound.clone();
    flipped[flipped.length / 2] ^= 0x01;
    for (byte[] bad : List.of(flipped, java.util.Arrays.copyOf(sound, sound.length - 40), new byte[0],
        "not a plan".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      Files.write(entry, bad);
      int replays = PlanCache.REPLAYS.get();

      RollbackPlan plan = PlanScript.evaluate(P3007, LIMIT, Optional.of(cache));

      assertThat(plan.hash()).isEqualTo(P3007Plan.plan().hash());
      assertThat(PlanCache.REPLAYS.get()).as("a bad entry is not replayed").isEqualTo(replays);
      assertThat(PlanScript.evaluate(P3007, LIMIT, Optional.of(cache)).hash()).isEqualTo(plan.hash());
      assertThat(PlanCache.REPLAYS.get()).as("compiled again and kept").isEqualTo(replays + 1);
    }
  }

  @Test
  void concurrentFirstRunsAllGetThePlanAndLeaveOneSoundEntry() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<RollbackPlan>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(pool.submit(() -> PlanScript.evaluate(P3007, LIMIT, Optional.of(cache))));
      }
      for (Future<RollbackPlan> run : runs) {
        assertThat(run.get().hash()).isEqualTo(P3007Plan.plan().hash());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(entries()).hasSize(1);
    int replays = PlanCache.REPLAYS.get();
    PlanScript.evaluate(P3007, LIMIT, Optional.of(cache));
    assertThat(PlanCache.REPLAYS.get()).isEqualTo(replays + 1);
  }

  @Test
  void aChangedScriptIsCompiledAnewAndAFailingOneIsNeverKept(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("plan.jsh");
    String text = Files.readString(P3007);
    Files.writeString(script, text);
    PlanScript.evaluate(script, LIMIT, Optional.of(cache));
    Files.writeString(script, text + "\n// changed\n");
    int replays = PlanCache.REPLAYS.get();
    PlanScript.evaluate(script, LIMIT, Optional.of(cache));
    assertThat(PlanCache.REPLAYS.get()).isEqualTo(replays);
    assertThat(entries()).hasSize(2);

    Path failing = dir.resolve("failing.jsh");
    Files.writeString(failing, "import dev.rollback.*;\nRollbackPlan plan = Rollback.plan(\"x\").bild();\n");
    String message = null;
    for (int i = 0; i < 2; i++) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> PlanScript.evaluate(failing, LIMIT,
          Optional.of(cache)));
      assertThat(t).isInstanceOf(PlanScriptException.class);
      assertThat(message == null || message.equals(t.getMessage())).isTrue();
      message = t.getMessage();
    }
    assertThat(entries()).hasSize(2);
    assertThatThrownBy(() -> PlanScript.evaluate(failing, LIMIT, Optional.empty())).hasMessage(message);
  }

  @Test
  void theCacheIsUnderTheUsersCacheDirectoryUnlessTheEnvironmentSaysOtherwise() {
    assertThat(PlanCache.directory(java.util.Map.of(PlanCache.VARIABLE, "off"))).isEmpty();
    assertThat(PlanCache.directory(java.util.Map.of(PlanCache.VARIABLE, "/x/y"))).contains(Path.of("/x/y"));
    assertThat(PlanCache.directory(java.util.Map.of("XDG_CACHE_HOME", "/c"))).contains(Path.of("/c/rollback/plans"));
    assertThat(PlanCache.directory(java.util.Map.of())).contains(Path.of(System.getProperty("user.home"), ".cache",
        "rollback", "plans"));
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.toString().endsWith(".plan")).sorted().collect(Collectors.toList());
    }
  }
}
