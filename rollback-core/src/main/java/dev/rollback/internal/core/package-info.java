/**
 * The built-in {@code core} adapter, always registered: commands run with {@link java.lang.ProcessBuilder} (argv,
 * no shell, in a directory inside the workspace), confirmations by a person through the approver, and waits
 * through the executor's sleeper.
 */
package dev.rollback.internal.core;
