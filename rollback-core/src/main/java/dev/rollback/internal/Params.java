package dev.rollback.internal;

import dev.rollback.Arg;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * An immutable copy of a parameter value, lists and maps copied deeply in their order.
   *
   * @param v the value
   * @return the copy
   */
  public static Object freeze(Object v) {
    if (v instanceof List) {
      return List.copyOf(((List<?>) v).stream().map(Params::freeze).collect(java.util.stream.Collectors.toList()));
    }
    if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> copy.put((String) k, freeze(x)));
      return java.util.Collections.unmodifiableMap(copy);
    }
    return v;
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
