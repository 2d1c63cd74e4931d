package dev.rollback.git.internal;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * What the repository would look like after the steps previewed so far in one preview: commits computed in memory,
 * branches moved or created, HEAD switched. Each step's preview builds on the previous ones, so a preview of
 * "revert, then restore files" shows the restore on top of the revert, and nothing touches the disk.
 */
final class Virtual implements AutoCloseable {

  final ObjectReader base;
  final MemoryInserter inserter;
  /** Refs as the previewed steps left them; {@code null} values are deleted refs. */
  final Map<String, ObjectId> refs = new HashMap<>();
  /** The ref HEAD points to, {@code HEAD} when detached, or {@code null} when unchanged. */
  String headTarget;
  /** The detached HEAD's commit, when {@link #headTarget} is {@code HEAD}. */
  ObjectId detachedHead;
  /** The index's tree when a no-commit step changed it, else {@code null} (the index is HEAD's tree or as on disk). */
  ObjectId indexTree;

  Virtual(ObjectReader base) {
    this.base = base;
    this.inserter = new MemoryInserter(base);
  }

  @Override
  public void close() {
    base.close();
  }
}
