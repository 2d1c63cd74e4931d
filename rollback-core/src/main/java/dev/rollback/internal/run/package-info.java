/**
 * The executor's engine: the stages of a run (assess, decide, approve, prepare, execute, verify, communicate,
 * audit), the preview, attempts on worker threads with timeouts and retries, approval rules, deadline tracking,
 * parameter resolution, redaction of secrets, and the replay of a journal on resume.
 */
package dev.rollback.internal.run;
