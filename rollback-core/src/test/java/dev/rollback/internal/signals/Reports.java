package dev.rollback.internal.signals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the committed report files (see src/test/resources/dev/rollback/reports/README.md) into a workspace. */
final class Reports {

  private Reports() {}

  /** Copies the report folder or file {@code name} to {@code workspace/name}. */
  static Path copy(String name, Path workspace) {
    URL url = Reports.class.getResource("/dev/rollback/reports/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource dev/rollback/reports/" + name);
    }
    try {
      Path source = Path.of(url.toURI());
      Path target = workspace.resolve(name);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Path t = target.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.createDirectories(t.getParent());
            Files.copy(p, t);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
