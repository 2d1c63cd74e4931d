package dev.rollback.internal.run;

import dev.rollback.RollbackException;
import dev.rollback.spi.SecretMask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps secret values out of everything the executor writes: journal records, reports, events, its own log
 * statements and the exceptions that leave it. Values are added as they become known (resolved {@code Secret}
 * arguments, {@code Adapter.secrets()}, {@code Notifier.secrets()}, {@code RunContext.registerSecret}) to a
 * {@link SecretMask} (the executor's shared one, when it was given one), which masks each in the forms it takes in
 * text. Thread-safe.
 */
public final class Redactor {

  /** What replaces a secret. */
  public static final String MASK = SecretMask.MASK;

  private final SecretMask mask;

  /** A redactor with a mask of its own. */
  public Redactor() {
    this(new SecretMask());
  }

  /**
   * A redactor that adds to, and masks with, a mask shared with others.
   *
   * @param mask the mask
   */
  public Redactor(SecretMask mask) {
    this.mask = mask;
  }

  /**
   * Adds a value to hide; blank values are ignored, since hiding them would mangle every text.
   *
   * @param value the secret value
   */
  public void add(String value) {
    mask.add(value);
  }

  /**
   * Adds values to hide.
   *
   * @param values the secret values
   */
  public void addAll(Collection<String> values) {
    values.forEach(this::add);
  }

  /**
   * Whether any secret is known.
   *
   * @return {@code true} when there is something to hide
   */
  public boolean isEmpty() {
    return mask.isEmpty();
  }

  /**
   * The text with every known secret masked.
   *
   * @param text the text, may be null
   * @return the masked text
   */
  public String redact(String text) {
    return mask.apply(text);
  }

  /**
   * Plain data with every text (keys included) masked.
   *
   * @param v plain data
   * @return the masked copy, or the value itself when nothing is secret
   */
  public Object redactData(Object v) {
    if (mask.isEmpty()) {
      return v;
    }
    if (v instanceof String) {
      return redact((String) v);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(redactData(e)));
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(redact(String.valueOf(k)), redactData(x)));
      return Collections.unmodifiableMap(out);
    }
    return v;
  }

  /**
   * Plain data maps with every text masked.
   *
   * @param map plain data
   * @return the masked copy
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> redactMap(Map<String, Object> map) {
    return (Map<String, Object>) redactData(map);
  }

  /**
   * A failure as one line for reports and events: its type and masked message, and the messages of its causes.
   *
   * @param t the failure
   * @return the text
   */
  public String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
      String msg = x.getMessage();
      String line = x instanceof RollbackException && msg != null ? msg
          : x.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
      if (b.length() > 0) {
        if (msg != null && b.indexOf(msg) >= 0) {
          continue;
        }
        b.append(" (caused by ").append(line).append(")");
      } else {
        b.append(line);
      }
    }
    return redact(b.toString());
  }

  /**
   * A masked copy of an exception that may carry a secret in its message or its causes'.
   *
   * @param t the exception
   * @return the same exception when nothing is secret or it carries none, else a masked copy
   */
  public RuntimeException scrub(RuntimeException t) {
    if (mask.isEmpty() || !carriesSecret(t)) {
      return t;
    }
    if (t instanceof RollbackException) {
      RollbackException copy = new RollbackException(redact(t.getMessage()),
          t.getCause() == null ? null : copy(t.getCause(), 0));
      copy.setStackTrace(t.getStackTrace());
      return copy;
    }
    return copy(t, 0);
  }

  private boolean carriesSecret(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      String m = x.getMessage();
      if (mask.reveals(m)) {
        return true;
      }
      if (x.getCause() == x) {
        break;
      }
    }
    return false;
  }

  private ScrubbedException copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    ScrubbedException c = new ScrubbedException(t.getClass().getName(), redact(t.getMessage()),
        cause != null && cause != t && depth < 16 ? copy(cause, depth + 1) : null);
    c.setStackTrace(t.getStackTrace());
    return c;
  }

  /** A masked stand-in for an exception that carried a secret: its type's name and its masked message. */
  static final class ScrubbedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    ScrubbedException(String type, String message, Throwable cause) {
      super(message, cause);
      this.type = type;
    }

    @Override
    public String toString() {
      String m = getMessage();
      return type + (m == null ? "" : ": " + m);
    }
  }
}
