package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorBuilderTest {

  @TempDir
  Path dir;

  static final class Named implements Adapter {
    private final String name;
    private final String kind;

    Named(String name, String kind) {
      this.name = name;
      this.kind = kind;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of(kind, new StepHandler() {
        @Override
        public StepPreview preview(StepContext step) {
          return StepPreview.of("nothing");
        }

        @Override
        public StepResult apply(StepContext step) {
          return StepResult.of("nothing");
        }
      });
    }
  }

  /** Found through ServiceLoader, from META-INF/services in the test resources. */
  public static final class Provider implements AdapterProvider {
    @Override
    public String name() {
      return "found";
    }

    @Override
    public Optional<Adapter> create(Path workspace) {
      return Optional.of(new Named("found", "found.step"));
    }
  }

  @Test
  void theCoreAdapterComesFirstThenExplicitOnesThenDiscoveredOnes() {
    RollbackExecutor e = RollbackExecutor.builder().workspace(dir).adapter(new Named("mine", "mine.step"))
        .discoverAdapters().build();
    assertThat(e.adapters()).containsExactly("core", "mine", "found");
    assertThat(e.journal().directory()).contains(e.workspace().resolve(".rollback"));
  }

  @Test
  void anExplicitAdapterWinsOverADiscoveredOneOfTheSameName() {
    RollbackExecutor e = RollbackExecutor.builder().workspace(dir).adapter(new Named("found", "found.other"))
        .discoverAdapters().build();
    assertThat(e.adapters()).containsExactly("core", "found");
  }

  @Test
  void adaptersMustKeepToTheirNamespaceAndNotClash() {
    assertThatThrownBy(() -> RollbackExecutor.builder().adapter(new Named("git", "docker.run")).build())
        .hasMessage("adapter 'git' declares step kind 'docker.run' outside its namespace 'git.'");
    assertThatThrownBy(() -> RollbackExecutor.builder().adapter(new Named("git", "git.a"))
        .adapter(new Named("git", "git.b")).build())
        .hasMessageStartingWith("two adapters are named 'git'");
    assertThatThrownBy(() -> RollbackExecutor.builder().adapter(new Named("core", "core.x")).build())
        .hasMessageStartingWith("two adapters are named 'core'");
  }

  @Test
  void runOptionsRefuseARunIdThatCouldNotNameAFile() {
    assertThatThrownBy(() -> RunOptions.defaults().withRunId("../etc"))
        .hasMessage("run id '../etc' must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit");
    assertThat(RunOptions.defaults().withDeclared("b", "a").declaredFacts()).containsExactly("a", "b");
  }
}
