package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Moves the index and work tree from one tree to another touching only the paths that differ, as git's own
 * checkout does, instead of walking the whole work tree like JGit's {@code DirCacheCheckout}: on a repository of
 * thousands of files a revert touches a handful. Everything is checked before anything is written: each path to
 * change must be in the index as in the old tree, and its file must be unmodified (or, for a new path, absent);
 * otherwise nothing is written and the step fails naming the paths.
 *
 * <p>Used only where no content filter applies (no {@code .gitattributes}, no {@code core.autocrlf}); otherwise the
 * caller uses JGit's checkout, which applies filters.
 */
final class FastCheckout {

  private record Change(String path, FileMode oldMode, ObjectId oldId, FileMode newMode, ObjectId newId) {
    boolean deletes() {
      return oldMode != FileMode.MISSING && (newMode == FileMode.MISSING || newMode.getObjectType()
          != oldMode.getObjectType() || newMode == FileMode.SYMLINK || oldMode == FileMode.SYMLINK);
    }

    boolean writes() {
      return newMode != FileMode.MISSING;
    }
  }

  private FastCheckout() {}

  /**
   * Switches the index and work tree, if this repository needs no content filters.
   *
   * @param repo the repository
   * @param from the tree the index and work tree hold
   * @param to the tree they should hold
   * @return {@code false} when filters apply and the caller must use JGit's checkout
   * @throws GitException when a file to change holds local changes or an untracked file is in the way
   * @throws IOException when writing fails
   */
  static boolean trySwitch(Repository repo, ObjectId from, ObjectId to) throws IOException {
    DirCache dc;
    try {
      dc = repo.lockDirCache();
    } catch (org.eclipse.jgit.errors.LockFailedException e) {
      throw Trees.indexLocked(repo, e);
    }
    try {
      if (WorkTreeStatus.needsFilters(repo, dc)) {
        return false;
      }
      List<Change> changes = new ArrayList<>();
      try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
        tw.addTree(from);
        tw.addTree(to);
        tw.setRecursive(true);
        tw.setFilter(TreeFilter.ANY_DIFF);
        while (tw.next()) {
          FileMode oldMode = tw.getFileMode(0);
          FileMode newMode = tw.getFileMode(1);
          if (oldMode == FileMode.GITLINK || newMode == FileMode.GITLINK) {
            return false;
          }
          changes.add(new Change(tw.getPathString(), oldMode, tw.getObjectId(0), newMode, tw.getObjectId(1)));
        }
        Path root = repo.getWorkTree().toPath();
        verify(repo, dc, root, changes);
        apply(repo, dc, reader, root, changes);
      }
      return true;
    } finally {
      dc.unlock();
    }
  }

  /** Refuses, before writing anything, local changes to the paths to change and untracked files in the way. */
  private static void verify(Repository repo, DirCache dc, Path root, List<Change> changes) throws IOException {
    Instant indexTime = Files.getLastModifiedTime(repo.getIndexFile().toPath()).toInstant();
    boolean fileMode = repo.getFS().supportsExecute() && repo.getConfig().getBoolean(
        ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_FILEMODE, true);
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
    Set<String> deleted = new HashSet<>();
    for (Change c : changes) {
      if (c.deletes()) {
        deleted.add(c.path());
      }
    }
    List<String> modified = new ArrayList<>();
    List<String> inTheWay = new ArrayList<>();
    for (Change c : changes) {
      DirCacheEntry e = dc.getEntry(c.path());
      if (c.oldMode() == FileMode.MISSING) {
        if (e != null) {
          modified.add(c.path());
        }
      } else if (e == null || e.getStage() != DirCacheEntry.STAGE_0 || !e.getObjectId().equals(c.oldId())
          || e.getFileMode() != c.oldMode()) {
        modified.add(c.path());
      } else if (!e.isAssumeValid() && !e.isSkipWorkTree()
          && !WorkTreeStatus.matches(root.resolve(c.path()), e, indexTime, fileMode, posix, hasher)) {
        modified.add(c.path());
      }
      if (c.writes() && (c.oldMode() == FileMode.MISSING || c.deletes())) {
        Path target = root.resolve(c.path());
        if (c.oldMode() == FileMode.MISSING && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          inTheWay.add(c.path());
        }
        String parent = parentOf(c.path());
        while (!parent.isEmpty()) {
          Path p = root.resolve(parent);
          if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
              && !deleted.contains(parent)) {
            inTheWay.add(parent);
          }
          parent = parentOf(parent);
        }
      }
    }
    if (!modified.isEmpty() || !inTheWay.isEmpty()) {
      List<String> why = new ArrayList<>();
      if (!modified.isEmpty()) {
        why.add("local changes to " + String.join(", ", modified));
      }
      if (!inTheWay.isEmpty()) {
        why.add("untracked files in the way at " + String.join(", ", inTheWay));
      }
      throw new GitException("the work tree of '" + root + "' has " + String.join(" and ", why)
          + " that this step would overwrite; nothing was changed");
    }
  }

  private static void apply(Repository repo, DirCache dc, ObjectReader reader, Path root, List<Change> changes)
      throws IOException {
    boolean fileMode = repo.getFS().supportsExecute() && repo.getConfig().getBoolean(
        ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_FILEMODE, true);
    DirCacheEditor editor = dc.editor();
    for (Change c : changes) {
      if (c.deletes()) {
        Path p = root.resolve(c.path());
        Files.deleteIfExists(p);
        pruneEmptyParents(root, p.getParent());
        if (!c.writes()) {
          editor.add(new DirCacheEditor.DeletePath(c.path()));
        }
      }
    }
    for (Change c : changes) {
      if (!c.writes()) {
        continue;
      }
      Path p = root.resolve(c.path());
      Files.createDirectories(p.getParent());
      byte[] content = reader.open(c.newId(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
      if (c.newMode() == FileMode.SYMLINK) {
        Files.deleteIfExists(p);
        Files.createSymbolicLink(p, Path.of(new String(content, StandardCharsets.UTF_8)));
      } else {
        // A new file the way git creates one: permissions from the umask (createTempFile would make it 0600).
        Path tmp = p.resolveSibling("." + p.getFileName() + "." + Long.toHexString(System.nanoTime())
            + ".rollback-tmp");
        try {
          try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
            out.write(content);
          }
          if (fileMode) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tmp);
            Set<PosixFilePermission> wanted = new HashSet<>(perms);
            if (c.newMode() == FileMode.EXECUTABLE_FILE) {
              wanted.add(PosixFilePermission.OWNER_EXECUTE);
              if (perms.contains(PosixFilePermission.GROUP_READ)) {
                wanted.add(PosixFilePermission.GROUP_EXECUTE);
              }
              if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                wanted.add(PosixFilePermission.OTHERS_EXECUTE);
              }
            } else {
              wanted.remove(PosixFilePermission.OWNER_EXECUTE);
              wanted.remove(PosixFilePermission.GROUP_EXECUTE);
              wanted.remove(PosixFilePermission.OTHERS_EXECUTE);
            }
            if (!wanted.equals(perms)) {
              Files.setPosixFilePermissions(tmp, wanted);
            }
          }
          Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      editor.add(new DirCacheEditor.PathEdit(c.path()) {
        @Override
        public void apply(DirCacheEntry ent) {
          ent.setFileMode(c.newMode());
          ent.setObjectId(c.newId());
          ent.setLength(a.size());
          ent.setLastModified(a.lastModifiedTime().toInstant());
        }
      });
    }
    editor.finish();
    dc.write();
    if (!dc.commit()) {
      throw new GitException("could not write the index of '" + repo.getWorkTree() + "'");
    }
  }

  /** Removes directories left empty by deletions, as git does, up to the work tree's root. */
  private static void pruneEmptyParents(Path root, Path dir) throws IOException {
    Path d = dir;
    while (d != null && !d.equals(root) && d.startsWith(root)) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
        return;
      }
      d = d.getParent();
    }
  }

  private static String parentOf(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }
}
