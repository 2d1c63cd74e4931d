package dev.rollback.git.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a cold JVM from paying JGit's first-use probe of the file system.
 *
 * <p>On the first file it looks at on a file store, JGit measures the store's timestamp resolution and then spends
 * about three seconds writing a probe file in a loop to measure the "minimal racy interval", before it persists both
 * under {@code [filesystem "<java vendor>|<java version>|<store>"]} in {@code ~/.config/jgit/config}. A JVM on a
 * fresh machine or container, or with a fresh {@code HOME}, pays those seconds on its first repository access.
 *
 * <p>When neither the user's nor JGit's configuration has a value for the store, this sets JGit's own fallback, a
 * 2-second resolution, in the JGit configuration held in memory; nothing is written to disk. JGit then skips the
 * probe. The fallback is the conservative choice: JGit treats any file modified within 2.5 s of being looked at as
 * possibly changed and compares its content, so it never misses a change; the cost is a few extra content
 * comparisons of files just written. A value the user configured, or one JGit measured and saved earlier, wins.
 */
public final class JGitSetup {

  private static final Logger LOG = LoggerFactory.getLogger(JGitSetup.class);
  private static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();

  /** JGit's fallback resolution, as JGit writes durations in its configuration. */
  static final String FALLBACK_RESOLUTION = "2 seconds";

  private JGitSetup() {}

  /** Forgets which file stores were prepared, so a test can prepare one again. */
  static void forget() {
    PREPARED.clear();
  }

  /**
   * Makes sure JGit will not probe the file store holding the directory.
   *
   * @param dir a directory of the repository about to be opened
   */
  public static void prepare(Path dir) {
    SystemReader system = SystemReader.getInstance();
    if (system.isWindows()) {
      return;
    }
    try {
      FileStore store = Files.getFileStore(dir);
      String key = System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|' + store.name();
      if (!PREPARED.add(key)) {
        return;
      }
      StoredConfig user = system.getUserConfig();
      if (user.getString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key,
          ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION) != null) {
        return;
      }
      StoredConfig jgit = system.getJGitConfig();
      jgit.setString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION,
          FALLBACK_RESOLUTION);
      jgit.setString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, ConfigConstants.CONFIG_KEY_MIN_RACY_THRESHOLD,
          "0 nanoseconds");
      LOG.debug("JGit will use a {} timestamp resolution for file store {}", FALLBACK_RESOLUTION, store.name());
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      LOG.debug("could not preset JGit's timestamp resolution for {}; JGit will measure it", dir, e);
    }
  }
}
