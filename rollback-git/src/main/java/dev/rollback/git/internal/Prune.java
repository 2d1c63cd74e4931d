package dev.rollback.git.internal;

import dev.rollback.git.BackupPrune;
import dev.rollback.git.GitException;
import dev.rollback.run.Journal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the backup refs of finished runs older than a limit: {@code refs/rollback/<run>/...} whose run the journal
 * shows finished before {@code now - olderThan}. A run the journal does not show finished (still going, interrupted,
 * or unknown to this journal) keeps its backups, whatever their age: they are what a resume or a person needs.
 */
public final class Prune {

  private static final Logger LOG = LoggerFactory.getLogger(Prune.class);

  private Prune() {}

  /**
   * Prunes.
   *
   * @param engine the engine
   * @param journal where the runs are journaled
   * @param olderThan how long ago a run must have finished
   * @param now the current instant
   * @return what was pruned and kept
   * @throws IOException when the refs cannot be read or deleted
   */
  public static BackupPrune prune(Engine engine, Journal journal, Duration olderThan, Instant now)
      throws IOException {
    Repository repo = engine.repo.repository();
    RefDatabase db = repo.getRefDatabase();
    Map<String, List<Ref>> byFolder = new TreeMap<>();
    for (Ref r : db.getRefsByPrefix("refs/rollback/")) {
      String rest = r.getName().substring("refs/rollback/".length());
      int slash = rest.indexOf('/');
      String folder = "refs/rollback/" + (slash < 0 ? rest : rest.substring(0, slash)) + "/";
      byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(r);
    }
    Map<String, String> runByFolder = new LinkedHashMap<>();
    for (String run : journal.runs()) {
      runByFolder.put(Safety.prefix(run), run);
    }
    Instant limit = now.minus(olderThan);
    List<String> pruned = new ArrayList<>();
    Map<String, String> kept = new LinkedHashMap<>();
    BatchRefUpdate batch = db.newBatchUpdate();
    batch.setAtomic(true);
    batch.setRefLogMessage("rollback: prune backups of finished runs", false);
    int refs = 0;
    for (Map.Entry<String, List<Ref>> e : byFolder.entrySet()) {
      String folder = e.getKey();
      String run = runByFolder.get(folder);
      if (run == null) {
        kept.put(folder, "no run of " + journal + " made it, so nothing tells whether it finished");
        continue;
      }
      Optional<Instant> finished = journal.finishedAt(run);
      if (finished.isEmpty()) {
        kept.put(folder, "run " + run + " has not finished (resume it, or it is still going)");
        continue;
      }
      if (!finished.get().isBefore(limit)) {
        kept.put(folder, "run " + run + " finished at " + finished.get() + ", less than " + olderThan + " ago");
        continue;
      }
      for (Ref r : e.getValue()) {
        ObjectId id = r.getObjectId();
        if (id != null && !r.isSymbolic()) {
          batch.addCommand(new ReceiveCommand(id, ObjectId.zeroId(), r.getName()));
          refs++;
        }
      }
      pruned.add(run);
    }
    if (!batch.getCommands().isEmpty()) {
      try (RevWalk rw = new RevWalk(repo)) {
        batch.execute(rw, NullProgressMonitor.INSTANCE);
      }
      for (ReceiveCommand c : batch.getCommands()) {
        if (c.getResult() != ReceiveCommand.Result.OK) {
          throw new GitException("could not delete " + c.getRefName() + ": " + c.getResult()
              + (c.getMessage() == null ? "" : " " + c.getMessage()) + "; nothing was pruned");
        }
      }
    }
    LOG.info("pruned the backups of {} runs ({} refs) in {}; kept {}", pruned.size(), refs, engine.repo.dir(),
        kept.size());
    return new BackupPrune(pruned, refs, kept);
  }
}
