package dev.rollback.internal;

import dev.rollback.Arg;
import dev.rollback.spi.PlainData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The parameter maps of steps, checks and signals: plain data only ({@link PlainData}), so a plan stays a value; the
 * {@link Arg}s inside them; and how they read as short text.
 */
public final class Params {

  private Params() {}

  /**
   * Checks that every value is plain data for a plan's parameters ({@link PlainData.Use#PARAMETER}): text, a number,
   * a boolean, a duration, an {@link Arg}, or a list or map of those.
   *
   * @param owner what holds the parameters, for the message
   * @param params the parameters
   * @throws IllegalArgumentException naming the key of the first value of another type
   */
  public static void requirePlainData(String owner, Map<String, Object> params) {
    PlainData.copyEntries(owner, params, PlainData.Use.PARAMETER);
  }

  /**
   * A deep, immutable copy of parameters, checked to be plain data ({@link PlainData.Use#PARAMETER}). Lists keep
   * their order; maps keep it when they have one ({@link java.util.LinkedHashMap}, {@link java.util.SortedMap}), and
   * other maps ({@code Map.of}, {@code HashMap}), whose order changes from one JVM to the next, are sorted by key, so
   * that a plan renders the same everywhere.
   *
   * @param owner what holds the parameters, for the message: {@code step revert}
   * @param params the parameters
   * @return the copy
   * @throws IllegalArgumentException naming the parameter, if a value is not plain data or a name is not text
   */
  public static Map<String, Object> plainCopy(String owner, Map<?, ?> params) {
    return PlainData.copyEntries(owner, params, PlainData.Use.PARAMETER);
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
    return PlainData.copy(where, value, PlainData.Use.PARAMETER);
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
