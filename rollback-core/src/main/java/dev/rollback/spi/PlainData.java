package dev.rollback.spi;

import dev.rollback.Arg;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one rule for plain data: the values a plan's parameters, a step's outputs and evidence, a message's values and
 * the journal hold, so that a plan stays a value that can be hashed and a result reads back from the journal as
 * itself. Plain data is text, booleans, numbers, durations, instants, and lists and maps (with text keys) of those;
 * each {@link Use} takes that rule with the few differences its place needs, listed on the use:
 *
 * <table>
 *   <caption>What each use accepts, beyond text, booleans, lists and maps</caption>
 *   <tr><th>use</th><th>numbers</th><th>durations</th><th>instants</th><th>{@link Arg}s</th><th>null</th></tr>
 *   <tr><td>{@link Use#PARAMETER}</td><td>{@code Integer}, {@code Long}, {@code Double}, kept</td><td>yes</td>
 *       <td>no</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link Use#MESSAGE_VALUE}</td><td>any, as {@code Long} or {@code Double}</td><td>no</td><td>no</td>
 *       <td>no</td><td>no</td></tr>
 *   <tr><td>{@link Use#RESULT}</td><td>any, kept</td><td>yes</td><td>yes</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@link Use#JOURNAL}</td><td>any, as {@code Long} or {@code Double}</td><td>yes</td><td>yes</td><td>no</td>
 *       <td>yes</td></tr>
 * </table>
 *
 * <p>Copies are deep and unmodifiable; lists keep their order, and so do maps, except that a plan's parameters sort
 * the maps that have no order of their own (neither a {@link LinkedHashMap} nor a {@link SortedMap}), whose order
 * would change from one JVM to the next. An adapter that wants to know whether a value can be an output checks it
 * with {@code PlainData.copy("outputs.commits", value, PlainData.Use.RESULT)}.
 */
public final class PlainData {

  /** Where plain data is used, each with its differences from the rule. */
  public enum Use {
    /**
     * A step's, check's or signal's parameters in a plan: also {@link Arg}s (resolved when the element runs);
     * numbers only as {@code Integer}, {@code Long} or {@code Double}, kept as given, since a plan is compared and
     * hashed; no instants; maps without an order of their own sorted by key; null refused with a hint to leave the
     * parameter out.
     */
    PARAMETER("; leave the parameter out instead", "; use text, a number, a boolean, a Duration, an Arg (ref, path,"
        + " secret...), or a List or Map of those"),
    /** A message's values: numbers as {@code Long} or {@code Double}; no durations, instants or nulls. */
    MESSAGE_VALUE("; message values are text, numbers, booleans, or lists and maps of those",
        "; message values are text, numbers, booleans, or lists and maps of those"),
    /** A result's value, outputs and evidence: numbers of any type, kept as given; durations and instants. */
    RESULT("", "; outputs and evidence must be text, numbers, booleans, durations, instants, or lists and maps of"
        + " those"),
    /**
     * What the journal holds, and what a value reads back as from it: numbers as {@code Long} or {@code Double},
     * nulls kept, an {@link Optional} as its value (or null), an enum as its name, map keys as text.
     */
    JOURNAL("", "");

    private final String nullHint;
    private final String typeHint;

    Use(String nullHint, String typeHint) {
      this.nullHint = nullHint;
      this.typeHint = typeHint;
    }

    /** Where one entry of a map of these values stands, for messages: {@code step revert parameter 'commits'}. */
    String entry(String owner, Object key) {
      switch (this) {
        case PARAMETER:
          return owner + " parameter '" + key + "'";
        case MESSAGE_VALUE:
          return owner + " '" + key + "'";
        default:
          return owner + "." + key;
      }
    }
  }

  private PlainData() {}

  /**
   * A deep, unmodifiable copy of a value, checked against the rule for its use.
   *
   * @param where what the value is, for the message: {@code step revert parameter 'commits'}
   * @param value the value
   * @param use where it is used
   * @return the copy, with numbers normalized where the use says so
   * @throws IllegalArgumentException naming {@code where} (and the element or key inside it) and the type, when the
   *     value or part of it is not plain data for that use
   */
  public static Object copy(String where, Object value, Use use) {
    try {
      return copy(value, use, null);
    } catch (NotPlain e) {
      copy(value, use, where);
      throw new IllegalStateException(where + " is not plain data", e);
    }
  }

  /**
   * A deep, unmodifiable copy of a map of values by name, each checked against the rule for its use; see
   * {@link #copy(String, Object, Use)}. The map's own order is kept, or, for {@link Use#PARAMETER}, its keys sorted
   * when it has no order of its own.
   *
   * @param owner what holds the values, for the message: {@code step revert}, {@code message value}
   * @param values the values by name
   * @param use where they are used
   * @return the copy
   * @throws IllegalArgumentException naming the entry, when a name is not text (or, for message values, is blank) or
   *     a value is not plain data for that use
   */
  public static Map<String, Object> copyEntries(String owner, Map<?, ?> values, Use use) {
    try {
      if (use == Use.MESSAGE_VALUE) {
        names(owner, values, use);
      }
      return copyMap(values, use, null);
    } catch (NotPlain e) {
      names(owner, values, use);
      for (Map.Entry<?, ?> entry : values.entrySet()) {
        copy(entry.getValue(), use, use.entry(owner, entry.getKey()));
      }
      throw new IllegalStateException("a value of " + owner + " is not plain data", e);
    }
  }

  /**
   * The value as the journal holds it and reads it back: {@link Use#JOURNAL}.
   *
   * @param value plain data, or null
   * @return the normalized copy
   * @throws IllegalArgumentException for a value that is not plain data
   */
  public static Object normalize(Object value) {
    try {
      return copy(value, Use.JOURNAL, null);
    } catch (NotPlain e) {
      copy(value, Use.JOURNAL, "value");
      throw new IllegalStateException("not plain data", e);
    }
  }

  /** Checks the names of a map of values: text, and for message values not blank. */
  private static void names(String owner, Map<?, ?> values, Use use) {
    for (Object k : values.keySet()) {
      if (use == Use.MESSAGE_VALUE && (k == null || k instanceof String && ((String) k).isBlank())) {
        throw new IllegalArgumentException(owner + " has an empty name");
      }
      if (!(k instanceof String) && use != Use.JOURNAL) {
        throw new IllegalArgumentException(owner + " has a " + (use == Use.PARAMETER ? "parameter name" : "key")
            + " that is not text: " + k);
      }
    }
  }

  /**
   * Copies one value. With {@code where} null, anything that breaks the rule throws {@link NotPlain} (no message,
   * no stack trace: the fast path of a plan's parameters); otherwise an {@link IllegalArgumentException} naming it.
   */
  private static Object copy(Object v, Use use, String where) {
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v == null) {
      if (use == Use.JOURNAL) {
        return null;
      }
      throw fail(where, where + " is null" + use.nullHint);
    }
    if (v instanceof Number) {
      return number((Number) v, use, where);
    }
    if (v instanceof Duration && use != Use.MESSAGE_VALUE
        || v instanceof Instant && (use == Use.RESULT || use == Use.JOURNAL)
        || v instanceof Arg && use == Use.PARAMETER) {
      return v;
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      Object[] copy = new Object[list.size()];
      int i = 0;
      for (Object e : list) {
        copy[i] = copy(e, use, where == null ? null : where + "[" + i + "]");
        i++;
      }
      return Collections.unmodifiableList(Arrays.asList(copy));
    }
    if (v instanceof Map) {
      return copyMap((Map<?, ?>) v, use, where);
    }
    if (use == Use.JOURNAL && v instanceof Optional) {
      return copy(((Optional<?>) v).orElse(null), use, where);
    }
    if (use == Use.JOURNAL && v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    throw fail(where, use == Use.JOURNAL ? "not plain data: " + v.getClass().getName()
        : where + " has type " + v.getClass().getName() + use.typeHint);
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, Use use, String where) {
    if (use != Use.JOURNAL) {
      for (Object k : map.keySet()) {
        if (!(k instanceof String)) {
          throw fail(where, where + " has a key that is not text: " + k);
        }
      }
    }
    Map<?, ?> ordered = use != Use.PARAMETER || map instanceof LinkedHashMap || map instanceof SortedMap
        || map.size() < 2 ? map : new TreeMap<>(map);
    Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<?, ?> e : ordered.entrySet()) {
      String key = String.valueOf(e.getKey());
      copy.put(key, copy(e.getValue(), use, where == null ? null : where + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object number(Number n, Use use, String where) {
    switch (use) {
      case PARAMETER:
        if (n instanceof Integer || n instanceof Long || n instanceof Double) {
          return n;
        }
        throw fail(where, where + " has type " + n.getClass().getName() + use.typeHint);
      case RESULT:
        return n;
      default:
        if (n instanceof Long || n instanceof Double) {
          return n;
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
          return n.longValue();
        }
        if (n instanceof Float) {
          return n.doubleValue();
        }
        if (n instanceof BigInteger) {
          BigInteger b = (BigInteger) n;
          return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 9.0e15 && !(n instanceof BigDecimal) ? (Object) n.longValue()
            : (Object) d;
    }
  }

  private static RuntimeException fail(String where, String message) {
    return where == null ? NotPlain.INSTANCE : new IllegalArgumentException(message);
  }

  /** A value that is not plain data; thrown without a stack trace, the caller then looks for the details. */
  private static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not plain data", null, false, false);
    }
  }
}
