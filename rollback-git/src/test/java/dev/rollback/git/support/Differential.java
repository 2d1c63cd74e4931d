package dev.rollback.git.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Step;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitConflictException;
import dev.rollback.git.GitException;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/**
 * Runs the same operation with the {@code git} command line in one repository and with the library in an identical
 * copy, and compares: the same commit (tree, message, id) or a conflict on the same paths, in which case the
 * library's repository must be exactly as it was.
 */
public final class Differential implements AutoCloseable {

  /** What an operation did. */
  public record Outcome(String tree, String commit, String message, List<String> conflicts, String error) {
    /** Whether it conflicted. */
    public boolean conflicted() {
      return conflicts != null && !conflicts.isEmpty();
    }
  }

  private final GitCli git;
  private final GitCli lib;
  private final GitAdapter adapter;
  private final String start;
  private int runs;
  /** How many operations were compared, by kind of outcome. */
  public int clean;
  /** How many compared operations conflicted. */
  public int conflicts;
  /** How many compared operations failed otherwise (both sides). */
  public int errors;
  /** How many restores found every file matching already (git: nothing to commit; the library: no change). */
  public int unchanged;

  /**
   * A comparison between two identical repositories.
   *
   * @param git git in the repository the command line works in
   * @param lib git in the identical copy the library works in
   */
  public Differential(GitCli git, GitCli lib) {
    this.git = git;
    this.lib = lib;
    this.adapter = GitAdapter.open(lib.dir());
    this.start = git.rev("HEAD");
    assertThat(lib.rev("HEAD")).isEqualTo(start);
  }

  /** The adapter working in the copy. */
  public GitAdapter adapter() {
    return adapter;
  }

  /**
   * Compares one operation, then resets both repositories to where they started.
   *
   * @param at the time of the commit both make
   * @param step the library's step
   * @param gitArgs git's arguments, then optionally a follow-up command after {@code &&}
   */
  public Outcome compare(Instant at, Step step, String... gitArgs) throws Exception {
    Outcome expected = viaGit(at, gitArgs);
    Outcome actual = viaLibrary(at, step);
    String what = "git " + String.join(" ", gitArgs) + " vs " + step;
    if (expected.conflicted()) {
      conflicts++;
      assertThat(actual.conflicts()).as("conflicting paths of " + what + " (library error: " + actual.error() + ")")
          .isEqualTo(expected.conflicts());
    } else if (expected.error() != null && expected.error().contains("nothing to commit")
        && step.kind().equals(dev.rollback.git.GitSteps.RESTORE)) {
      // Deliberate difference: restoring files that already match is a success that commits nothing.
      unchanged++;
      assertThat(actual.error()).as("library error for " + what).isNull();
      assertThat(actual.commit()).as("restore of matching files commits nothing").isEqualTo(start);
    } else if (expected.error() != null) {
      errors++;
      assertThat(actual.error()).as("library must fail too: " + what + "; git said " + expected.error())
          .isNotNull();
    } else {
      clean++;
      assertThat(actual.error()).as("library error for " + what).isNull();
      assertThat(actual.conflicts()).as("library conflicts for " + what).isNull();
      assertThat(actual.tree()).as("tree of " + what).isEqualTo(expected.tree());
      assertThat(actual.message()).as("message of " + what).isEqualTo(expected.message());
      assertThat(actual.commit()).as("commit id of " + what).isEqualTo(expected.commit());
      assertThat(workTree(lib)).as("work tree files and permissions after " + what).isEqualTo(workTree(git));
    }
    reset();
    return expected;
  }

  /** Every file of the work tree with its permissions, sorted. */
  private static String workTree(GitCli g) {
    try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(g.dir())) {
      StringBuilder b = new StringBuilder();
      files.filter(p -> !g.dir().relativize(p).startsWith(".git")).filter(p -> !p.equals(g.dir())).sorted()
          .forEach(p -> {
            try {
              b.append(g.dir().relativize(p)).append(' ')
                  .append(Files.isSymbolicLink(p) ? "link" : java.nio.file.attribute.PosixFilePermissions.toString(
                      Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))).append('\n');
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      return b.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Outcome viaGit(Instant at, String... args) {
    git.at(at);
    int split = List.of(args).indexOf("&&");
    String[] first = split < 0 ? args : List.of(args).subList(0, split).toArray(new String[0]);
    GitCli.Result r = git.tryRun(first);
    if (r.ok() && split >= 0) {
      r = git.tryRun(List.of(args).subList(split + 1, args.length).toArray(new String[0]));
    }
    if (!r.ok()) {
      List<String> unmerged = git.unmergedPaths();
      if (!unmerged.isEmpty()) {
        return new Outcome(null, null, null, unmerged, null);
      }
      return new Outcome(null, null, null, null, (r.out() + r.err()).strip());
    }
    return new Outcome(git.rev("HEAD^{tree}"), git.rev("HEAD"), git.run("log", "-1", "--format=%B"), null, null);
  }

  private Outcome viaLibrary(Instant at, Step step) throws Exception {
    String head = lib.rev("HEAD");
    String status = lib.status();
    String index = lib.indexChecksum();
    String refs = lib.refs();
    AdapterHarness run = Runs.builder(adapter, "diff-" + (++runs), lib.dir(), at, step).callsBeforeFirstMutation(false)
        .build();
    try {
      run.apply(step);
    } catch (GitConflictException e) {
      assertUnchanged(head, index, refs, status);
      return new Outcome(null, null, null, e.paths(), e.getMessage());
    } catch (GitException e) {
      assertUnchanged(head, index, refs, status);
      return new Outcome(null, null, null, null, e.getMessage());
    }
    assertThat(lib.status()).as("library leaves a clean work tree after " + step).isEmpty();
    return new Outcome(lib.rev("HEAD^{tree}"), lib.rev("HEAD"), lib.run("log", "-1", "--format=%B"), null, null);
  }

  /** The library's repository is exactly as before: HEAD, refs, index bytes, status, no operation in progress. */
  public void assertUnchanged(String head, String index, String refs, String status) {
    assertThat(lib.indexChecksum()).as("index checksum").isEqualTo(index);
    assertThat(lib.rev("HEAD")).isEqualTo(head);
    assertThat(lib.refs()).isEqualTo(refs);
    assertThat(lib.status()).isEqualTo(status);
    for (String f : List.of("MERGE_HEAD", "REVERT_HEAD", "CHERRY_PICK_HEAD", "MERGE_MSG", "sequencer")) {
      assertThat(Files.exists(lib.gitDir().resolve(f))).as(f + " must not exist").isFalse();
    }
  }

  private void reset() {
    git.tryRun("revert", "--abort");
    git.tryRun("cherry-pick", "--abort");
    git.run("reset", "-q", "--hard", start);
    git.run("clean", "-q", "-fd");
    lib.run("reset", "-q", "--hard", start);
    lib.run("clean", "-q", "-fd");
  }

  @Override
  public void close() {
    adapter.close();
  }
}
