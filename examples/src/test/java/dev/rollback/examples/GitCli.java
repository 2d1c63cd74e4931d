package dev.rollback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code git} command line, to look at repositories the way a user would, independently of JGit. */
public final class GitCli {

  private GitCli() {}

  /**
   * Runs {@code git -C dir args...} and fails the test unless it exits 0.
   *
   * @param dir the repository (a work tree or a bare repository)
   * @param args the git command and its arguments
   * @return what it printed on standard output and standard error
   */
  public static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git " + String.join(" ", args), e);
    }
  }
}
