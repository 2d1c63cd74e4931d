package dev.rollback.git.internal;

import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.git.GitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Checks of what a plan hands the adapter, each failure a clear message naming the value: branch and tag names by
 * the rules of {@code git check-ref-format --branch}, paths confined to the work tree (also after following
 * symbolic links on disk). The syntax is rollback-core's, the rule {@code plan.check()} applies to
 * {@link RefName} and {@link RepoPath} arguments; what is checked here besides is Git's own: ref prefixes, JGit's
 * ref-name rule, and the work tree on disk.
 */
public final class Inputs {

  private Inputs() {}

  /**
   * A branch name as a full ref name.
   *
   * @param name a short name such as {@code rollback-p3-007}, or {@code refs/heads/...}
   * @return {@code refs/heads/<name>}
   * @throws GitException naming the value and the rule it breaks
   */
  public static String branchRef(String name) {
    return fullRef(name, Constants.R_HEADS, "branch");
  }

  /**
   * A tag name as a full ref name.
   *
   * @param name a short name such as {@code v1.2.0}, or {@code refs/tags/...}
   * @return {@code refs/tags/<name>}
   * @throws GitException naming the value and the rule it breaks
   */
  public static String tagRef(String name) {
    return fullRef(name, Constants.R_TAGS, "tag");
  }

  private static String fullRef(String name, String prefix, String what) {
    String shown = printable(name);
    String full = name.startsWith(Constants.R_REFS) ? name : prefix + name;
    String shortName = full.startsWith(prefix) ? full.substring(prefix.length()) : name;
    // The syntax of git check-ref-format, the rule plan.check() applies to RefName arguments.
    List<String> problems = new RefName(shortName).problems();
    if (!problems.isEmpty()) {
      throw new GitException(what + " name '" + shown + "': " + String.join("; ", problems));
    }
    if (shortName.equals("@")) {
      throw new GitException(what + " name '" + shown + "' is reserved");
    }
    if (!full.startsWith(prefix)) {
      throw new GitException(what + " name '" + shown + "' is a ref outside " + prefix);
    }
    if (!Repository.isValidRefName(full)) {
      throw new GitException(what + " name '" + shown + "' is not a valid ref name (git check-ref-format): no"
          + " spaces, '~', '^', ':', '?', '*', '[', '\\', '@{', trailing '.' or '/', '.lock' ending or empty"
          + " components");
    }
    return full;
  }

  /**
   * A path relative to the work tree's root, normalized to forward slashes without {@code .} components.
   *
   * @param workTree the work tree, or {@code null} for a bare repository (then no file-system check is made)
   * @param path the path as given
   * @return the normalized path
   * @throws GitException when the path is empty, absolute, climbs out with {@code ..}, points into {@code .git},
   *     holds control characters, or goes through a symbolic link on disk
   */
  public static String repoPath(Path workTree, String path) {
    String shown = printable(path);
    List<String> parts = new ArrayList<>();
    for (String part : path.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new GitException("path '" + shown + "' climbs out of the repository with '..'");
      }
      parts.add(part);
    }
    // Empty, absolute, into .git, control characters: the rule plan.check() applies to RepoPath arguments.
    List<String> problems = new RepoPath(path).problems();
    if (!problems.isEmpty()) {
      throw new GitException(String.join("; ", problems));
    }
    // What Git adds: a drive-relative Windows path (C:x), the root itself, .git in any case (case-insensitive
    // file systems), and symbolic links on disk.
    if (path.matches("^[A-Za-z]:.*")) {
      throw new GitException("path '" + shown + "' is absolute; paths are relative to the repository's root");
    }
    if (parts.isEmpty()) {
      throw new GitException("path '" + shown + "' names the repository's root; name files or directories in it");
    }
    if (parts.get(0).equalsIgnoreCase(Constants.DOT_GIT)) {
      throw new GitException("path '" + shown + "' points into the repository's .git directory");
    }
    if (workTree != null) {
      confine(workTree, parts, shown);
    }
    return String.join("/", parts);
  }

  /** Refuses a path whose existing part goes through a symbolic link or resolves outside the work tree. */
  private static void confine(Path workTree, List<String> parts, String shown) {
    try {
      Path root = workTree.toRealPath();
      Path current = workTree;
      for (int i = 0; i < parts.size(); i++) {
        current = current.resolve(parts.get(i));
        if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
        boolean last = i == parts.size() - 1;
        if (Files.isSymbolicLink(current)) {
          if (!last) {
            throw new GitException("path '" + shown + "' goes through the symbolic link '"
                + String.join("/", parts.subList(0, i + 1)) + "'; git does not write beyond symbolic links");
          }
          return;
        }
        if (!current.toRealPath().startsWith(root)) {
          throw new GitException("path '" + shown + "' resolves outside the repository, to " + current.toRealPath());
        }
      }
    } catch (IOException e) {
      throw new GitException("path '" + shown + "' cannot be checked in " + workTree + ": " + e.getMessage(), e);
    }
  }

  /**
   * Text with control characters shown as Unicode escapes, for messages.
   *
   * @param s the text
   * @return the printable text
   */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A short form of a commit id for summaries. */
  static String abbrev(org.eclipse.jgit.lib.AnyObjectId id) {
    return id.name().substring(0, 7);
  }
}
