package dev.rollback.examples.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * The shape of a generated sandbox repository.
 *
 * @param commits commits before the P3-007 change
 * @param files files in the repository's source tree, configuration files aside
 * @param trailingCommits unrelated commits after the last P3-007 commit
 * @param seed the seed of the generator: the same spec gives the same commit ids
 * @param start the author and committer date of the first commit; each later commit is an hour later
 */
public record SandboxSpec(int commits, int files, int trailingCommits, long seed, Instant start) {

  /**
   * Creates a spec.
   *
   * @param commits commits before the P3-007 change, at least 1
   * @param files source files, at least 1
   * @param trailingCommits unrelated commits after the change, not negative
   * @param seed the generator's seed
   * @param start the first commit's date
   * @throws IllegalArgumentException if a count is out of range
   * @throws NullPointerException if {@code start} is null
   */
  public SandboxSpec {
    if (commits < 1) {
      throw new IllegalArgumentException("commits must be at least 1, was " + commits);
    }
    if (files < 1) {
      throw new IllegalArgumentException("files must be at least 1, was " + files);
    }
    if (trailingCommits < 0) {
      throw new IllegalArgumentException("trailingCommits must not be negative, was " + trailingCommits);
    }
    Objects.requireNonNull(start, "start");
  }

  /**
   * The demo's sandbox: a few hundred commits, a small project.
   *
   * @return the spec
   */
  public static SandboxSpec demo() {
    return new SandboxSpec(300, 120, 0, 7L, Instant.parse("2026-01-05T09:00:00Z"));
  }

  /**
   * The benchmark's sandbox: 10,000 commits and 3,000 files.
   *
   * @return the spec
   */
  public static SandboxSpec benchmark() {
    return new SandboxSpec(10_000, 3_000, 0, 11L, Instant.parse("2024-01-01T09:00:00Z"));
  }

  /**
   * The same spec with another number of commits before the change.
   *
   * @param commits the count
   * @return the new spec
   */
  public SandboxSpec withCommits(int commits) {
    return new SandboxSpec(commits, files, trailingCommits, seed, start);
  }

  /**
   * The same spec with another number of source files.
   *
   * @param files the count
   * @return the new spec
   */
  public SandboxSpec withFiles(int files) {
    return new SandboxSpec(commits, files, trailingCommits, seed, start);
  }

  /**
   * The same spec with unrelated commits after the change.
   *
   * @param trailingCommits the count
   * @return the new spec
   */
  public SandboxSpec withTrailingCommits(int trailingCommits) {
    return new SandboxSpec(commits, files, trailingCommits, seed, start);
  }
}
