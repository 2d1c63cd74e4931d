package dev.rollback.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.spi.SecretMask;
import org.junit.jupiter.api.Test;

/**
 * Tokens written into remote URLs are secrets the adapter reports for redaction, so that a command printing
 * {@code git remote -v} (or an error naming the URL) shows none of them; plain user names are not.
 */
class RemoteCredentialsTest {

  static final String ACTIONS = "ghs_RemoteTok3nValue1234567890";
  static final String PUSH = "p@ss:w0rd/with%stuff";
  static final String PUSH_WRITTEN = "p%40ss%3Aw0rd%2Fwith%25stuff";
  static final String LONE = "ghp_LoneUserT0kenValue0987654321";
  static final String GITLAB = "glpat-GitLabT0kenValue42";

  @Test
  void tokensInRemoteUrlsAndInsteadOfBasesAreSecretAndGitsOwnOutputShowsNoneOnceMasked() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli git = box.init("repo");
      git.run("remote", "add", "origin", "https://x-access-token:" + ACTIONS + "@github.example/acme/shop.git");
      git.run("remote", "set-url", "--add", "--push", "origin", "https://ci:" + PUSH_WRITTEN + "@push.example/shop");
      git.run("remote", "add", "lone", "https://" + LONE + "@github.example/acme/shop.git");
      git.run("remote", "add", "plain", "ssh://git@github.example/acme/shop.git");
      git.run("remote", "add", "named", "https://alice@github.example/acme/shop.git");
      git.run("config", "url.https://oauth2:" + GITLAB + "@gitlab.example/.insteadOf", "https://gitlab.example/");

      try (GitAdapter adapter = GitAdapter.open(git.dir())) {
        assertThat(adapter.secrets()).containsExactlyInAnyOrder(ACTIONS, PUSH_WRITTEN, PUSH, LONE, GITLAB);
        assertThat(adapter.toString()).doesNotContain(ACTIONS);

        String shown = git.run("remote", "-v") + git.run("config", "--get-regexp", "url\\..*");
        assertThat(shown).contains(ACTIONS, PUSH_WRITTEN, LONE, GITLAB);
        String masked = SecretMask.of(adapter.secrets().toArray(new String[0])).apply(shown);
        assertThat(masked).doesNotContain(ACTIONS, PUSH_WRITTEN, LONE, GITLAB)
            .contains("https://x-access-token:***@github.example/acme/shop.git", "ssh://git@github.example",
                "https://alice@github.example");
      }
      GitAdapter withToken = GitAdapter.open(git.dir()).withCredentials("ci-bot", "s3cr3t-t0ken");
      assertThat(withToken.secrets()).startsWith("s3cr3t-t0ken").contains(ACTIONS);
      withToken.close();
    }
  }

  @Test
  void aRepositoryWithoutCredentialsInItsUrlsHasNoSecrets() throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli origin = box.bare("origin");
      GitCli git = box.clone(origin, "repo");
      try (GitAdapter adapter = GitAdapter.open(git.dir())) {
        assertThat(adapter.secrets()).isEmpty();
      }
    }
  }
}
