package dev.rollback.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which live processes might still hold a lock file: one that has it open, or a {@code git} process working in the
 * repository. On Linux, read from {@code /proc}; elsewhere, any live {@code git} process counts, since where it
 * works cannot be seen.
 */
final class LiveProcesses {

  private static final Path PROC = Path.of("/proc");

  private LiveProcesses() {}

  /**
   * A live process that may be using the lock file or the repository, in words ({@code process 4242 (git commit
   * -m x)}), or empty when there is none.
   *
   * @param lock the lock file
   * @param repositories the directories of the repository it belongs to (work tree, Git directory)
   * @return who may hold it
   */
  static Optional<String> using(Path lock, List<Path> repositories) {
    long self = ProcessHandle.current().pid();
    if (!Files.isDirectory(PROC.resolve("self").resolve("fd"))) {
      return ProcessHandle.allProcesses().filter(p -> p.pid() != self && isGit(p.info().command().orElse("")))
          .findFirst().map(p -> describe(p.pid()) + ", a git process (where it works cannot be seen here)");
    }
    Path target = lock.toAbsolutePath().normalize();
    List<Path> inside = new ArrayList<>();
    for (Path r : repositories) {
      inside.add(real(r));
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
      for (Path p : pids) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid == self) {
          continue;
        }
        if (holds(p, target)) {
          return Optional.of(describe(pid) + ", which has it open");
        }
        if (isGit(command(p))) {
          Optional<Path> cwd = cwd(p);
          if (cwd.isEmpty()) {
            return Optional.of(describe(pid) + ", a git process whose folder cannot be seen here");
          }
          for (Path r : inside) {
            if (cwd.get().startsWith(r)) {
              return Optional.of(describe(pid) + ", a git process working in " + r);
            }
          }
        }
      }
    } catch (IOException e) {
      return Optional.of("a process this one cannot see (/proc cannot be read: " + e.getMessage() + ")");
    }
    return Optional.empty();
  }

  private static boolean holds(Path proc, Path target) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          Path to = Files.readSymbolicLink(fd);
          if (to.equals(target) || to.toString().equals(target + " (deleted)")) {
            return true;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // gone meanwhile, or not a link
        }
      }
    } catch (IOException e) {
      // another user's process: its files cannot be listed; git processes among them are caught by name
    }
    return false;
  }

  private static Optional<Path> cwd(Path proc) {
    try {
      return Optional.of(Files.readSymbolicLink(proc.resolve("cwd")).toAbsolutePath().normalize());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static String command(Path proc) {
    try {
      byte[] b = Files.readAllBytes(proc.resolve("cmdline"));
      int end = 0;
      while (end < b.length && b[end] != 0) {
        end++;
      }
      return new String(b, 0, end, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean isGit(String command) {
    String name = command.substring(command.lastIndexOf('/') + 1);
    return name.equals("git") || name.startsWith("git-");
  }

  private static String describe(long pid) {
    String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
    String shown = cmd.length() > 80 ? cmd.substring(0, 77) + "..." : cmd;
    return "process " + pid + (shown.isEmpty() ? "" : " (" + Inputs.printable(shown) + ")");
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
