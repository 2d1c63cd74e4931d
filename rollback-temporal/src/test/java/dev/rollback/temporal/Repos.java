package dev.rollback.temporal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Real repositories for the fleet tests, made with the git command line: per target a bare origin and a clone whose
 * main carries the same bad shared CI change ({@code BAD-CI: ...}); some origins refuse every push with a
 * pre-receive hook that says why.
 */
final class Repos {

  static final String BAD_SUBJECT = "BAD-CI: switch every service to the shared CI template v2";
  static final String REFUSAL = "main is frozen by the release policy of";

  /** git-receive-pack's absolute path: JGit runs its own in-process one, without hooks, for the bare name. */
  static final String RECEIVE_PACK = java.util.stream.Stream.of(System.getenv("PATH").split(":"))
      .map(d -> Path.of(d, "git-receive-pack")).filter(Files::isExecutable).findFirst()
      .map(Path::toString).orElse("/usr/bin/git-receive-pack");

  private Repos() {}

  /** Makes n targets under dir; those whose index is in refusing get an origin that refuses pushes. */
  static List<FleetTarget> fleet(Path dir, int n, Set<Integer> refusing) throws Exception {
    List<FleetTarget> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.format("repo-%02d", i);
      Path origin = dir.resolve("origins").resolve(name + ".git");
      Path clone = dir.resolve("clones").resolve(name);
      Files.createDirectories(origin);
      git(origin, "init", "-q", "--bare", "-b", "main");
      git(dir, "init", "-q", "-b", "main", clone.toString());
      git(clone, "config", "user.name", "Fleet Test");
      git(clone, "config", "user.email", "fleet@example.invalid");
      git(clone, "remote", "add", "origin", origin.toString());
      // A real git receive-pack on the other side, so hooks run (JGit's in-process one runs none).
      git(clone, "config", "remote.origin.receivepack", RECEIVE_PACK);
      Files.createDirectories(clone.resolve(".github/workflows"));
      Files.writeString(clone.resolve(".github/workflows/ci.yml"), "name: ci\njobs:\n  test:\n    uses: ./local.yml\n");
      Files.writeString(clone.resolve("service.txt"), "service " + name + "\n");
      git(clone, "add", "-A");
      git(clone, "commit", "-q", "-m", "Service " + name);
      Files.writeString(clone.resolve(".github/workflows/ci.yml"), "name: ci\njobs:\n  test:\n    uses: shared/ci.yml@v2\n");
      git(clone, "commit", "-q", "-am", BAD_SUBJECT);
      Files.writeString(clone.resolve("service.txt"), "service " + name + ", later work\n");
      git(clone, "commit", "-q", "-am", "Later work on " + name);
      git(clone, "push", "-q", "origin", "main");
      git(clone, "branch", "-q", "--set-upstream-to=origin/main", "main");
      if (refusing.contains(i)) {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\necho \"" + REFUSAL + " " + name + "\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      out.add(FleetTarget.of(name, clone, "origin"));
    }
    return out;
  }

  /** The origin of a target made by {@link #fleet}. */
  static Path origin(FleetTarget t) {
    return Path.of(t.repository()).getParent().getParent().resolve("origins").resolve(t.name() + ".git");
  }

  /** How many commits on the origin's main revert the bad change. */
  static int revertsOnOrigin(FleetTarget t) throws Exception {
    String log = git(origin(t), "log", "--format=%s%n%b%x00", "main");
    int n = 0;
    for (String c : log.split("\u0000")) {
      if (c.contains("Revert \"" + BAD_SUBJECT + "\"")) {
        n++;
      }
    }
    return n;
  }

  /** Every commit reachable from any ref of a repository. */
  static Set<String> allCommits(Path repo) throws Exception {
    String out = git(repo, "rev-list", "--all");
    return Set.copyOf(Arrays.asList(out.isBlank() ? new String[0] : out.strip().split("\n")));
  }

  static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " in " + dir + " failed: "
          + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
