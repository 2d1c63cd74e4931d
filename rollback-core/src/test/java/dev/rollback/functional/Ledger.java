package dev.rollback.functional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A file on disk where the test adapter writes one line per change it makes ({@code apply s1}, {@code undo s1}):
 * the world a test adapter changes, surviving a killed process, and what its idempotency probe looks at.
 */
final class Ledger {

  private final Path file;

  Ledger(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  synchronized void append(String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized List<String> lines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long count(String line) {
    return lines().stream().filter(line::equals).count();
  }
}
