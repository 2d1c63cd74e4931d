/**
 * The signal sources that need no adapter: numbers from a command's output or a file, JUnit XML test reports
 * (Maven Surefire, Gradle, pytest) and coverage reports (JaCoCo, Cobertura). {@link
 * dev.rollback.internal.signals.CoreSignalSources#sources()} maps their kinds to sources. Not an API: anything here
 * may change without notice.
 */
package dev.rollback.internal.signals;
