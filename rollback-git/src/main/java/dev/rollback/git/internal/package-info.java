/**
 * The Git adapter's engine, not an API: handlers per step kind, the in-memory merge machinery that reproduces
 * {@code git revert} and {@code git cherry-pick} ({@link dev.rollback.git.internal.TreeMerge} over JGit's resolve
 * merger, with git's rename and directory-rename handling and an in-memory object inserter), the work-tree checks
 * and targeted checkout, the backups, leases and the reachability audit.
 */
package dev.rollback.git.internal;
