package dev.rollback.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.spi.AdapterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubAdapterProviderTest {

  @TempDir
  Path workspace;

  @Test
  void inGitHubActionsTheRepositoryAndApiComeFromTheEnvironment() throws Exception {
    var adapter = new GitHubAdapterProvider(Map.of("GITHUB_TOKEN", "ghs_actions", "GITHUB_REPOSITORY", "acme/shop",
        "GITHUB_API_URL", "https://ghe.example.com/api/v3")).create(workspace);
    assertThat(adapter).hasValueSatisfying(a -> {
      assertThat(((GitHubAdapter) a).target().toString()).isEqualTo("acme/shop at https://ghe.example.com/api/v3");
      assertThat(a.secrets()).containsExactly("ghs_actions");
    });
  }

  @Test
  void elsewhereTheRepositoryIsTheWorkspacesOriginOnGitHub() throws Exception {
    Files.createDirectories(workspace.resolve(".git"));
    Files.writeString(workspace.resolve(".git/config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n"
        + "\turl = https://github.com/other/fork.git\n[remote \"origin\"]\n\turl = git@github.com:acme/shop.git\n");
    var provider = new GitHubAdapterProvider(Map.of("GITHUB_TOKEN", "ghp_x"));
    assertThat(provider.create(workspace)).hasValueSatisfying(a ->
        assertThat(((GitHubAdapter) a).target().fullName()).isEqualTo("acme/shop"));
    Files.writeString(workspace.resolve(".git/config"), "[remote \"origin\"]\n\turl = https://gitlab.com/acme/shop\n");
    assertThat(provider.create(workspace)).isEmpty();
  }

  @Test
  void withoutATokenThereIsNoGitHubAdapter() throws Exception {
    assertThat(new GitHubAdapterProvider(Map.of("GITHUB_REPOSITORY", "acme/shop")).create(workspace)).isEmpty();
  }

  @Test
  void theProviderIsFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(AdapterProvider.class).stream().map(p -> p.type().getName()))
        .contains(GitHubAdapterProvider.class.getName());
  }
}
