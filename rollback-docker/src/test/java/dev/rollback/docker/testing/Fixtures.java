package dev.rollback.docker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies test resource folders (a compose project) into a test's temporary folder. */
public final class Fixtures {

  private Fixtures() {}

  /**
   * Copies a resource folder.
   *
   * @param resource the folder on the test classpath, such as {@code compose}
   * @param target the folder to create; its name becomes the compose project's name
   * @return the target
   */
  public static Path copy(String resource, Path target) {
    URL url = Fixtures.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + resource);
    }
    try {
      Path source = Path.of(url.toURI());
      try (Stream<Path> all = Files.walk(source)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          Path t = target.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
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
