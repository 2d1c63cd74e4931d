package dev.rollback.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cold JVM is spared JGit's three-second probe, without writing to the user's files, unless they say otherwise. */
class JGitSetupTest {

  @TempDir
  Path home;

  private SystemReader original;

  @BeforeEach
  void freshHome() {
    original = SystemReader.getInstance();
    Path h = home;
    SystemReader.setInstance(new SystemReader.Delegate(original) {
      @Override
      public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, h.resolve(".gitconfig").toFile(), fs);
      }

      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, h.resolve(".config/jgit/config").toFile(), fs);
      }
    });
    JGitSetup.forget();
  }

  @AfterEach
  void restore() {
    SystemReader.setInstance(original);
    JGitSetup.forget();
  }

  private String key() throws Exception {
    return System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|'
        + Files.getFileStore(home).name();
  }

  @Test
  void withNoValueConfiguredJGitGetsItsConservativeFallbackInMemoryOnly() throws Exception {
    JGitSetup.prepare(home);
    assertThat(SystemReader.getInstance().getJGitConfig().getString("filesystem", key(), "timestampResolution"))
        .isEqualTo("2 seconds");
    File onDisk = home.resolve(".config/jgit/config").toFile();
    assertThat(onDisk).doesNotExist();
  }

  @Test
  void aValueTheUserConfiguredWins() throws Exception {
    Files.writeString(home.resolve(".gitconfig"), "[filesystem \"" + key() + "\"]\n\ttimestampResolution = 10 ms\n");
    JGitSetup.prepare(home);
    assertThat(SystemReader.getInstance().getJGitConfig().getString("filesystem", key(), "timestampResolution"))
        .isNull();
    assertThat(SystemReader.getInstance().getUserConfig().getString("filesystem", key(), "timestampResolution"))
        .isEqualTo("10 ms");
  }
}
