package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

  @TempDir
  Path ctx;

  private List<String> entries(String dockerfile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContext.write(ctx, dockerfile, out);
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")
            + (!e.isSymbolicLink() && e.isFile() && (e.getMode() & 0100) != 0 ? " (x)" : ""));
      }
    }
    return names;
  }

  private void file(String name) throws IOException {
    Files.createDirectories(ctx.resolve(name).getParent());
    Files.writeString(ctx.resolve(name), name);
  }

  @Test
  void theTarHoldsTheFolderSortedWithModesAndLinks() throws IOException {
    file("Dockerfile");
    file("b/run.sh");
    Files.setPosixFilePermissions(ctx.resolve("b/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    file("a.txt");
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("a.txt"));

    assertThat(entries("Dockerfile")).containsExactly("Dockerfile", "a.txt", "b/", "b/run.sh (x)", "link -> a.txt");
  }

  @Test
  void dockerignoreExcludesButTheDockerfileAndItselfAlwaysGo() throws IOException {
    file("Dockerfile.test");
    file("keep.txt");
    file("node_modules/big/index.js");
    file("build/out.bin");
    file("build/keep.me");
    Files.writeString(ctx.resolve(".dockerignore"), "Dockerfile.test\n.dockerignore\nnode_modules\nbuild/*\n"
        + "!build/keep.me\n");

    assertThat(entries("Dockerfile.test")).containsExactly(".dockerignore", "Dockerfile.test", "build/",
        "build/keep.me", "keep.txt");
  }

  @Test
  void theSameFolderGivesTheSameBytes() throws IOException {
    file("Dockerfile");
    file("x/y.txt");
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    BuildContext.write(ctx, "Dockerfile", a);
    BuildContext.write(ctx, "Dockerfile", b);
    assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
  }
}
