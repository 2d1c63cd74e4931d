package dev.rollback.internal;

import dev.rollback.Arg;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Rules for the parameter maps of steps, checks and signals: plain data only, so a plan stays a value. */
public final class Params {

  private Params() {}

  /**
   * Checks that every value is plain data: text, a number, a boolean, a duration, an {@link Arg}, or a list or
   * map of those.
   *
   * @param owner what holds the parameters, for the message
   * @param params the parameters
   * @throws IllegalArgumentException naming the key of the first value of another type
   */
  public static void requirePlainData(String owner, Map<String, Object> params) {
    params.forEach((k, v) -> requirePlain(owner + " parameter '" + k + "'", v));
  }

  private static void requirePlain(String where, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(where + " is null; leave the parameter out instead");
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Duration || v instanceof Arg) {
      return;
    }
    if (v instanceof List) {
      int i = 0;
      for (Object e : (List<?>) v) {
        requirePlain(where + "[" + i++ + "]", e);
      }
      return;
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(where + " has a key that is not text: " + e.getKey());
        }
        requirePlain(where + "." + e.getKey(), e.getValue());
      }
      return;
    }
    throw new IllegalArgumentException(where + " has type " + v.getClass().getName()
        + "; use text, a number, a boolean, a Duration, an Arg (ref, path, secret...), or a List or Map of those");
  }

  /**
   * A deep, immutable copy of parameters, checked to be plain data (see {@link #requirePlainData}). Lists keep
   * their order; maps keep it when they have one ({@link LinkedHashMap}, {@link SortedMap}), and other maps
   * ({@code Map.of}, {@code HashMap}), whose order changes from one JVM to the next, are sorted by key, so that a
   * plan renders the same everywhere.
   *
   * @param owner what holds the parameters, for the message: {@code step revert}
   * @param params the parameters
   * @return the copy
   * @throws IllegalArgumentException naming the parameter, if a value is not plain data or a name is not text
   */
  public static Map<String, Object> plainCopy(String owner, Map<?, ?> params) {
    try {
      return copyMap(params);
    } catch (NotPlain e) {
      for (Map.Entry<?, ?> entry : params.entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          throw new IllegalArgumentException(owner + " has a parameter name that is not text: " + entry.getKey());
        }
        requirePlain(owner + " parameter '" + entry.getKey() + "'", entry.getValue());
      }
      throw new IllegalStateException("a parameter of " + owner + " is not plain data", e);
    }
  }

  /**
   * A deep, immutable copy of one parameter value, checked to be plain data; see {@link #plainCopy(String, Map)}.
   *
   * @param where the parameter, for the message: {@code step revert parameter 'commit'}
   * @param value the value
   * @return the copy
   * @throws IllegalArgumentException naming the parameter, if the value is not plain data
   */
  public static Object plainCopy(String where, Object value) {
    try {
      return copy(value);
    } catch (NotPlain e) {
      requirePlain(where, value);
      throw new IllegalStateException(where + " is not plain data", e);
    }
  }

  /** Copies plain data in one pass; anything else throws {@link NotPlain}, and the caller finds out where. */
  private static Object copy(Object v) {
    if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Duration || v instanceof Arg) {
      return v;
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      Object[] copy = new Object[list.size()];
      int i = 0;
      for (Object e : list) {
        copy[i++] = copy(e);
      }
      return Collections.unmodifiableList(Arrays.asList(copy));
    }
    if (v instanceof Map) {
      return copyMap((Map<?, ?>) v);
    }
    throw NotPlain.INSTANCE;
  }

  private static Map<String, Object> copyMap(Map<?, ?> map) {
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        throw NotPlain.INSTANCE;
      }
    }
    Map<?, ?> ordered = map instanceof LinkedHashMap || map instanceof SortedMap || map.size() < 2
        ? map : new TreeMap<>(map);
    Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<?, ?> e : ordered.entrySet()) {
      copy.put((String) e.getKey(), copy(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** A value that is not plain data; thrown without a stack trace, the caller then looks for the details. */
  private static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not plain data", null, false, false);
    }
  }

  /**
   * Every {@link Arg} inside a parameter value, lists and maps included.
   *
   * @param v the value
   * @param out where to add them
   */
  public static void collectArgs(Object v, Collection<Arg> out) {
    if (v instanceof Arg) {
      out.add((Arg) v);
    } else if (v instanceof List) {
      ((List<?>) v).forEach(e -> collectArgs(e, out));
    } else if (v instanceof Map) {
      ((Map<?, ?>) v).values().forEach(e -> collectArgs(e, out));
    }
  }

  /**
   * A parameter value as short text for labels and previews.
   *
   * @param v the value
   * @return the text
   */
  public static String show(Object v) {
    if (v instanceof Duration) {
      return Texts.duration((Duration) v);
    }
    if (v instanceof Arg) {
      return ((Arg) v).text();
    }
    if (v instanceof List) {
      StringBuilder b = new StringBuilder("[");
      for (Object e : (List<?>) v) {
        b.append(b.length() > 1 ? ", " : "").append(show(e));
      }
      return b.append("]").toString();
    }
    if (v instanceof Map) {
      StringBuilder b = new StringBuilder("{");
      ((Map<?, ?>) v).forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(k).append("=").append(show(x)));
      return b.append("}").toString();
    }
    return String.valueOf(v);
  }
}
