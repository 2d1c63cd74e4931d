package dev.rollback.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar a build sends to the engine: the context folder minus what its {@code .dockerignore} excludes (the
 * Dockerfile and the {@code .dockerignore} itself always go, as with {@code docker build}), in sorted order,
 * with file modes kept, symbolic links as links, and a fixed timestamp so the same folder gives the same tar.
 */
public final class BuildContext {

  private BuildContext() {}

  /**
   * Writes the context as a tar to a temporary file.
   *
   * @param context the context folder
   * @param dockerfile the Dockerfile's path inside it
   * @return the tar file; the caller deletes it
   * @throws IOException if the folder cannot be read or the tar cannot be written
   */
  public static Path tar(Path context, String dockerfile) throws IOException {
    Path tar = Files.createTempFile("rollback-build-context", ".tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      write(context, dockerfile, out);
      return tar;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tar);
      throw e;
    }
  }

  /**
   * Writes the context as a tar.
   *
   * @param context the context folder
   * @param dockerfile the Dockerfile's path inside it
   * @param out where to write
   * @throws IOException if the folder cannot be read or the tar cannot be written
   */
  public static void write(Path context, String dockerfile, OutputStream out) throws IOException {
    DockerIgnore ignore = DockerIgnore.of(context);
    List<Path> entries = new ArrayList<>();
    collect(context, context, ignore, Set.of(dockerfile, ".dockerignore"), entries);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : entries) {
        String name = context.relativize(p).toString().replace('\\', '/');
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
          e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p)) {
          e = new TarArchiveEntry(name + "/");
        } else {
          e = new TarArchiveEntry(name);
          e.setSize(Files.size(p));
        }
        e.setMode(mode(p));
        e.setModTime(0L);
        tar.putArchiveEntry(e);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          try (InputStream in = Files.newInputStream(p)) {
            in.transferTo(tar);
          }
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static void collect(Path root, Path dir, DockerIgnore ignore, Set<String> always, List<Path> out)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted().toList();
    }
    for (Path p : children) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
      if (folder) {
        if (ignore.skipsFolder(rel)) {
          continue;
        }
        if (!ignore.excludes(rel)) {
          out.add(p);
        }
        collect(root, p, ignore, always, out);
      } else if (always.contains(rel) || !ignore.excludes(rel)) {
        out.add(p);
      }
    }
  }

  private static int mode(Path p) throws IOException {
    if (Files.isSymbolicLink(p)) {
      return 0120777;
    }
    int type = Files.isDirectory(p) ? 040000 : 0100000;
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      int m = 0;
      for (PosixFilePermission perm : perms) {
        m |= 1 << (8 - perm.ordinal());
      }
      return type | m;
    } catch (UnsupportedOperationException e) {
      return type | (Files.isDirectory(p) || Files.isExecutable(p) ? 0755 : 0644);
    }
  }
}
