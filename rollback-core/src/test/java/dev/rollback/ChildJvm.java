package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link PlanPrinter} in a fresh JVM with the given system properties, on this JVM's class path. */
final class ChildJvm {

  private ChildJvm() {}

  /**
   * Runs the printer and returns the directory it wrote into.
   *
   * @param out an empty directory
   * @param properties {@code -Dkey=value} options, such as another default locale
   */
  static Path print(Path out, String... properties) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(properties));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PlanPrinter.class.getName());
    command.add(out.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("child JVM output:%n%s", new String(output, StandardCharsets.UTF_8)).isZero();
    return out;
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
