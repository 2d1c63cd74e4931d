package dev.rollback.git.internal;

import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Revision;
import dev.rollback.Text;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSignals;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.Contract;
import dev.rollback.spi.Output;
import dev.rollback.spi.Param;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The contracts of the Git kinds: each kind's parameters and outputs, written by {@link GitSteps}, {@link GitChecks}
 * and {@link GitSignals} and read by this package's handlers. Revisions are written as the factory got them (text, a
 * {@code Ref}, a {@code Template}) and read as the resolved text, which the handlers resolve to commits.
 */
public final class GitContracts {

  // Parameters, by the name they have in a plan.

  /** A commit a step or check looks at. */
  public static final Param<Revision, String> COMMIT = Param.revision("commit");
  /** A revision to resolve, or the start of a count. */
  public static final Param<Revision, String> REV = Param.revision("rev");
  /** The end of a count ({@code git rev-list rev..head}); HEAD when absent. */
  public static final Param<Revision, String> HEAD = Param.revision("head");
  /** The commits to revert or pick, in order; or a reference to an output listing them. */
  public static final Param<List<? extends Revision>, List<String>> COMMITS = Param.revisions("commits");
  /** The parent of a merge commit to keep ({@code -m}), from 1. */
  public static final Param<Integer, Integer> MAINLINE = Param.integer("mainline");
  /** The exclusive start of a range to revert. */
  public static final Param<Revision, String> RANGE_FROM = Param.revision("rangeFrom");
  /** The inclusive end of a range to revert. */
  public static final Param<Revision, String> RANGE_TO = Param.revision("rangeTo");
  /** Whether a pick only changes the index and work tree ({@code --no-commit}). */
  public static final Param<Boolean, Boolean> NO_COMMIT = Param.flag("noCommit");
  /** The name of a branch or tag to create. */
  public static final Param<RefName, String> NAME = Param.refName("name");
  /** Where a new branch starts. */
  public static final Param<Revision, String> START_POINT = Param.revision("startPoint");
  /** Whether a new branch is checked out. */
  public static final Param<Boolean, Boolean> CHECKOUT = Param.flag("checkout");
  /** A local branch to check out or push. */
  public static final Param<RefName, String> BRANCH = Param.refName("branch");
  /** The commit to restore files from. */
  public static final Param<Revision, String> SOURCE = Param.revision("source");
  /** Paths relative to the repository's root: files to restore, or to limit a search to. */
  public static final Param<List<RepoPath>, List<String>> PATHS = Param.paths("paths");
  /** A commit's or tag's message. */
  public static final Param<Text, String> MESSAGE = Param.text("message");
  /** Whether a restore keeps files the source lacks (git's overlay mode); true when absent. */
  public static final Param<Boolean, Boolean> OVERLAY = Param.flag("overlay");
  /** What a tag points to. */
  public static final Param<Revision, String> TARGET = Param.revision("target");
  /** A remote's name. */
  public static final Param<String, String> REMOTE = Param.string("remote");
  /** The remote branch a push updates. */
  public static final Param<RefName, String> REMOTE_BRANCH = Param.refName("remoteBranch");
  /** Whether a push is leased. */
  public static final Param<Boolean, Boolean> LEASE = Param.flag("lease");
  /** Whether a push may replace the remote's history. */
  public static final Param<Boolean, Boolean> REWRITE = Param.flag("rewrite");
  /** The commit a leased push expects on the remote, when the plan names it. */
  public static final Param<Revision, String> EXPECT = Param.revision("expect");
  /** A search's message pattern. */
  public static final Param<String, String> GREP = Param.string("grep");
  /** A search's literal message text. */
  public static final Param<String, String> TEXT = Param.string("text");
  /** A search's author pattern. */
  public static final Param<String, String> AUTHOR = Param.string("author");
  /** A search's earliest commit time. */
  public static final Param<Instant, Instant> SINCE = Param.instant("since");
  /** A search's latest commit time. */
  public static final Param<Instant, Instant> UNTIL = Param.instant("until");
  /** A search's age limit, before the run's start. */
  public static final Param<Duration, Duration> WITHIN = Param.duration("within");
  /** A search's tag glob. */
  public static final Param<String, String> TAGGED = Param.string("tagged");
  /** Where a search starts; HEAD when absent. */
  public static final Param<Revision, String> FROM = Param.revision("from");
  /** What a search leaves out ({@code git log excluding..from}). */
  public static final Param<Revision, String> EXCLUDING = Param.revision("excluding");
  /** Which matches a search takes: {@code oldest}, {@code newest} or {@code all}. */
  public static final Param<String, String> PICK = Param.string("pick");

  /** A bisection's good end (excluded). */
  public static final Param<Revision, String> GOOD = Param.revision("good");
  /** A bisection's bad end (included). */
  public static final Param<Revision, String> BAD = Param.revision("bad");
  /** A bisection's range, {@code <good>..<bad>}, when its ends are not given apart. */
  public static final Param<Revision, String> RANGE = Param.revision("range");
  /** How many probes a bisection may run at once. */
  public static final Param<Integer, Integer> PARALLELISM = Param.integer("parallelism");
  /** How many times a bisection probes the bad end again first. */
  public static final Param<Integer, Integer> CONFIRMATIONS = Param.integer("confirmations");
  /** How long one probe of a bisection may run. */
  public static final Param<Duration, Duration> PROBE_TIMEOUT = Param.duration("probeTimeout");
  /** How a culprit was found, for its revert's trailer. */
  public static final Param<Text, String> FOUND_BY = Param.text("foundBy");
  /** The guardrails' maximum age of a culprit. */
  public static final Param<Duration, Duration> MAX_AGE = Param.duration("maxAge");
  /** The guardrails' cap on automatic reverts per day. */
  public static final Param<Integer, Integer> MAX_PER_DAY = Param.integer("maxPerDay");
  /** The guardrails' opt-out marker. */
  public static final Param<String, String> MARKER = Param.string("marker");

  // Outputs, by the name a step's .as(name) binds them under (name.output).

  /** The commit a step looked at, as a full id. */
  public static final Output<String> COMMIT_ID = Output.of("commit", String.class, "the commit's full id");
  /** A found commit's abbreviated id. */
  public static final Output<String> SHORT = Output.of("short", String.class, "the commit's abbreviated id");
  /** A found commit's subject. */
  public static final Output<String> SUBJECT = Output.of("subject", String.class, "the commit's subject line");
  /** A found commit's author. */
  public static final Output<String> AUTHOR_OUT = Output.of("author", String.class, "the author, Name <email>");
  /** A found commit's commit time. */
  public static final Output<String> DATE = Output.of("date", String.class, "the commit time, ISO-8601");
  /** Why a search's answer may be partial. */
  public static final Output<String> SHALLOW = Output.of("shallow", String.class,
      "present when the clone is shallow: what the search could not see");
  /** The commit that reverts a commit. */
  public static final Output<String> BY = Output.of("by", String.class, "the reverting commit's full id");
  /** The ref a step moved. */
  public static final Output<String> REF = Output.of("ref", String.class, "the full name of the ref the step moved");
  /** A ref's value before the step. */
  public static final Output<String> BEFORE = Output.of("before", String.class, "the ref's value before the step");
  /** A ref's value after the step. */
  public static final Output<String> AFTER = Output.of("after", String.class, "the ref's value after the step");
  /** The commits a revert or pick made. */
  public static final Output<List<String>> NEW_COMMITS = Output.of("commits", List.class,
      "the new commits' full ids, in order");
  /** The tree a revert or pick ended with. */
  public static final Output<String> TREE = Output.of("tree", String.class, "the resulting tree's id");
  /** The index's tree before a no-commit pick. */
  public static final Output<String> INDEX_BEFORE = Output.of("indexBefore", String.class,
      "the index's tree before the pick");
  /** The index's tree after a no-commit pick. */
  public static final Output<String> INDEX_AFTER = Output.of("indexAfter", String.class,
      "the index's tree after the pick");
  /** Whether a restore changed anything. */
  public static final Output<Boolean> CHANGED = Output.of("changed", Boolean.class,
      "whether the restore made a commit");
  /** The branch a step created or checked out. */
  public static final Output<String> BRANCH_OUT = Output.of("branch", String.class, "the branch's full name");
  /** Where a created branch or tag points. */
  public static final Output<String> AT = Output.of("at", String.class, "the commit the new ref points to");
  /** Whether a created branch was checked out. */
  public static final Output<Boolean> CHECKED_OUT = Output.of("checkout", Boolean.class,
      "whether the new branch was checked out");
  /** What HEAD was on before a checkout. */
  public static final Output<String> PREVIOUS = Output.of("previous", String.class,
      "the branch (or commit) HEAD was on before");
  /** A created tag. */
  public static final Output<String> TAG_OUT = Output.of("tag", String.class, "the tag's full name");
  /** The remote a push went to. */
  public static final Output<String> REMOTE_OUT = Output.of("remote", String.class, "the remote's name");
  /** The remote ref a push updated. */
  public static final Output<String> REMOTE_REF = Output.of("remoteRef", String.class,
      "the remote ref's full name");
  /** The lease a push was made under. */
  public static final Output<Boolean> LEASED = Output.of("lease", Boolean.class, "whether the push was leased");
  /** The remote-tracking refs a fetch updated. */
  public static final Output<List<String>> UPDATED = Output.of("updated", List.class,
      "the remote-tracking refs the fetch moved");
  /** Where a compensation moved a ref from. */
  public static final Output<String> MOVED_FROM = Output.of("from", String.class,
      "the ref's value before the compensation");
  /** Where a compensation moved a ref to. */
  public static final Output<String> MOVED_TO = Output.of("to", String.class,
      "the ref's value after the compensation");

  // Kinds.

  /** Find one commit: steps and checks. */
  public static final Contract FIND_COMMIT = search(GitSteps.FIND_COMMIT)
      .withOutputs(SHORT, SUBJECT, AUTHOR_OUT, DATE, SHALLOW);
  /** List commits: steps and checks. */
  public static final Contract FIND_COMMITS = search(GitSteps.FIND_COMMITS).withOutputs(SHALLOW);
  /** The files a commit changed. */
  public static final Contract CHANGED_FILES = Contract.of(GitSteps.CHANGED_FILES, COMMIT).withOutputs(COMMIT_ID);
  /** Whether a commit is reverted. */
  public static final Contract REVERT_STATUS = Contract.of(GitSteps.REVERT_STATUS, COMMIT)
      .withOutputs(COMMIT_ID, BY);
  /** A revision resolved to a commit: steps and checks. */
  public static final Contract RESOLVE = Contract.of(GitSteps.RESOLVE, REV)
      .withOutputs(SHORT, SUBJECT, AUTHOR_OUT, DATE);
  /** A new branch, checked out or not. */
  public static final Contract CREATE_BRANCH = Contract.of(GitSteps.CREATE_BRANCH, NAME, START_POINT, CHECKOUT)
      .withOutputs(BRANCH_OUT, AT, CHECKED_OUT, PREVIOUS);
  /** An existing branch checked out. */
  public static final Contract CHECKOUT_BRANCH = Contract.of(GitSteps.CHECKOUT, BRANCH)
      .withOutputs(BRANCH_OUT, PREVIOUS);
  /** Reverts: commits, or a range. */
  public static final Contract REVERT = Contract.of(GitSteps.REVERT, COMMITS, RANGE_FROM, RANGE_TO, MAINLINE)
      .withOutputs(NEW_COMMITS, TREE, REF, BEFORE, AFTER);
  /** Cherry-picks, with a commit or into the index. */
  public static final Contract CHERRY_PICK = Contract.of(GitSteps.CHERRY_PICK, COMMITS, MAINLINE, NO_COMMIT)
      .withOutputs(NEW_COMMITS, TREE, REF, BEFORE, AFTER, INDEX_BEFORE, INDEX_AFTER);
  /** Files restored from a commit, and committed. */
  public static final Contract RESTORE = Contract.of(GitSteps.RESTORE, SOURCE, PATHS, MESSAGE, OVERLAY)
      .withOutputs(CHANGED, REF, BEFORE, AFTER);
  /** What the index holds, committed. */
  public static final Contract COMMIT_INDEX = Contract.of(GitSteps.COMMIT, MESSAGE).withOutputs(REF, BEFORE, AFTER);
  /** A tag. */
  public static final Contract TAG = Contract.of(GitSteps.TAG, NAME, TARGET, MESSAGE)
      .withOutputs(TAG_OUT, AT, COMMIT_ID);
  /** A push, leased or not. */
  public static final Contract PUSH = Contract.of(GitSteps.PUSH, BRANCH, REMOTE_BRANCH, REMOTE, EXPECT, LEASE,
      REWRITE).withOutputs(REMOTE_OUT, REMOTE_REF, BEFORE, AFTER, LEASED);
  /** A fetch. */
  public static final Contract FETCH = Contract.of(GitSteps.FETCH, REMOTE).withOutputs(UPDATED);
  /** A commit not reverted yet. */
  public static final Contract NOT_REVERTED = Contract.of(GitChecks.NOT_REVERTED, COMMIT);
  /** A commit reverted. */
  public static final Contract REVERTED = Contract.of(GitChecks.REVERTED, COMMIT);
  /** A bisection: its ends (the probe, a command's parameters, is read by {@code BisectRun}). */
  public static final Contract BISECT = Contract.of(GitBisect.BISECT, GOOD, BAD, RANGE, PARALLELISM, CONFIRMATIONS,
      PROBE_TIMEOUT);
  /** The guardrails of an automatic revert. */
  public static final Contract GUARDRAILS = Contract.of(Culprits.GUARDRAILS, COMMIT, MAX_AGE, MAX_PER_DAY, MARKER);
  /** A culprit's revert with trailers. */
  public static final Contract REVERT_CULPRIT = Contract.of(Culprits.REVERT, COMMIT, FOUND_BY);
  /** A probe passing on a commit. */
  public static final Contract PROBE_PASSES = Contract.of(Culprits.PROBE_PASSES, REV);
  /** A clean work tree. */
  public static final Contract CLEAN_WORK_TREE = Contract.of(GitChecks.CLEAN_WORK_TREE);
  /** How many commits since a revision. */
  public static final Contract COMMITS_SINCE = Contract.of(GitSignals.COMMITS_SINCE, REV, HEAD);
  /** How old a commit is. */
  public static final Contract COMMIT_AGE = Contract.of(GitSignals.COMMIT_AGE, REV);
  /** How old the last commit matching a pattern is. */
  public static final Contract LAST_MATCH_AGE = Contract.of(GitSignals.LAST_MATCH_AGE, GREP);

  private GitContracts() {}

  private static Contract search(String kind) {
    return Contract.of(kind, FROM, EXCLUDING, GREP, TEXT, AUTHOR, SINCE, WITHIN, UNTIL, TAGGED, PATHS, PICK);
  }
}
