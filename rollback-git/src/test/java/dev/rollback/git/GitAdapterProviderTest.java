package dev.rollback.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.AdapterProvider;
import java.nio.file.Files;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The executor, JShell scripts and the launcher find the Git adapter of a workspace that is a repository. */
class GitAdapterProviderTest {

  @Test
  void aRepositoryWorkspaceGetsTheGitAdapterAndAnyOtherDirectoryNone() throws Exception {
    assertThat(ServiceLoader.load(AdapterProvider.class)).anySatisfy(p -> assertThat(p.name()).isEqualTo("git"));
    try (Sandbox box = Sandbox.create()) {
      GitCli git = box.init("repo");
      GitAdapterProvider provider = new GitAdapterProvider(Map.of());
      try (Adapter adapter = provider.create(git.dir()).orElseThrow()) {
        assertThat(adapter.name()).isEqualTo("git");
        assertThat(adapter.secrets()).isEmpty();
      }
      assertThat(provider.create(Files.createDirectories(box.root().resolve("plain")))).isEmpty();
      GitAdapterProvider withToken = new GitAdapterProvider(Map.of("ROLLBACK_GIT_TOKEN", "tok-123"));
      try (Adapter adapter = withToken.create(git.dir()).orElseThrow()) {
        assertThat(adapter.secrets()).containsExactly("tok-123");
        assertThat(adapter.toString()).contains("x-access-token").doesNotContain("tok-123");
      }
    }
  }
}
