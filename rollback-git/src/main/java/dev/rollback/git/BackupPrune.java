package dev.rollback.git;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link GitAdapter#pruneBackups} did: the runs whose backup refs it deleted, and those it kept, each with why.
 *
 * @param pruned the ids of the runs whose {@code refs/rollback/<run>/} refs were deleted, oldest first
 * @param refsDeleted how many refs were deleted
 * @param kept the backup folders kept ({@code refs/rollback/<run>/}), each with the reason: not finished, too
 *     recent, or no journal tells
 */
public record BackupPrune(List<String> pruned, int refsDeleted, Map<String, String> kept) {

  /**
   * Creates the result.
   *
   * @param pruned the runs pruned
   * @param refsDeleted how many refs were deleted
   * @param kept the folders kept, with reasons
   * @throws NullPointerException if an argument is null
   */
  public BackupPrune {
    pruned = List.copyOf(Objects.requireNonNull(pruned, "pruned"));
    kept = Map.copyOf(Objects.requireNonNull(kept, "kept"));
  }
}
