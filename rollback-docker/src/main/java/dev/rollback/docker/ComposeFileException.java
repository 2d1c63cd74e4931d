package dev.rollback.docker;

import dev.rollback.RollbackException;

/**
 * A compose file is malformed, uses a key the runner does not support, or cannot be interpolated. The message reads
 * {@code docker-compose.test.yml:7: services.test.volumes[1]: <what is wrong>}: the file, the line, the key.
 */
public class ComposeFileException extends RollbackException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param file the file, as the caller named it
   * @param line the line, from 1; 0 when the problem is the file as a whole
   * @param key the key's path, such as {@code services.test.volumes[1]}; empty for the file as a whole
   * @param problem what is wrong, naming the value
   */
  public ComposeFileException(String file, int line, String key, String problem) {
    super(format(file, line, key, problem));
    this.file = file;
    this.line = line;
    this.key = key;
  }

  /**
   * Creates the exception with its cause.
   *
   * @param file the file, as the caller named it
   * @param line the line, from 1; 0 when the problem is the file as a whole
   * @param key the key's path; empty for the file as a whole
   * @param problem what is wrong
   * @param cause the underlying error (an unreadable file, a YAML syntax error)
   */
  public ComposeFileException(String file, int line, String key, String problem, Throwable cause) {
    super(format(file, line, key, problem), cause);
    this.file = file;
    this.line = line;
    this.key = key;
  }

  private static String format(String file, int line, String key, String problem) {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ");
    if (!key.isEmpty()) {
      b.append(key).append(": ");
    }
    return b.append(problem).toString();
  }

  /**
   * The file, as the caller named it.
   *
   * @return the file
   */
  public String file() {
    return file;
  }

  /**
   * The line the problem is on, from 1.
   *
   * @return the line; 0 for the file as a whole
   */
  public int line() {
    return line;
  }

  /**
   * The path of the key the problem is in, such as {@code services.test.volumes[1]}.
   *
   * @return the key's path; empty for the file as a whole
   */
  public String key() {
    return key;
  }
}
