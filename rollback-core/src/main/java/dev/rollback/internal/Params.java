package dev.rollback.internal;

import dev.rollback.Arg;
import java.time.Duration;
import java.util.ArrayList;
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
   * An immutable copy of a parameter value, lists and maps copied deeply. Lists keep their order; maps keep it when
   * they have one ({@link LinkedHashMap}, {@link SortedMap}), and other maps ({@code Map.of}, {@code HashMap}),
   * whose order changes from one JVM to the next, are sorted by key, so that a plan renders the same everywhere.
   * A null stays null, for {@link #requirePlainData} to report with its key.
   *
   * @param v the value
   * @return the copy
   * @throws IllegalArgumentException if a map has a key that is not text
   */
  public static Object freeze(Object v) {
    if (v instanceof List) {
      List<Object> copy = new ArrayList<>(((List<?>) v).size());
      for (Object e : (List<?>) v) {
        copy.add(freeze(e));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Map) {
      return freezeMap((Map<?, ?>) v);
    }
    return v;
  }

  /**
   * An immutable, deep copy of a parameter map, in its order when it has one, else sorted by key; see
   * {@link #freeze(Object)}.
   *
   * @param params the parameters
   * @return the copy
   * @throws IllegalArgumentException if a key is not text
   */
  public static Map<String, Object> freezeMap(Map<?, ?> params) {
    for (Object k : params.keySet()) {
      if (!(k instanceof String)) {
        throw new IllegalArgumentException("parameter names must be text, was "
            + (k == null ? "null" : k.getClass().getName() + " " + k));
      }
    }
    Map<?, ?> ordered = params instanceof LinkedHashMap || params instanceof SortedMap || params.size() < 2
        ? params : new TreeMap<>(params);
    Map<String, Object> copy = new LinkedHashMap<>();
    ordered.forEach((k, x) -> copy.put((String) k, freeze(x)));
    return Collections.unmodifiableMap(copy);
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
