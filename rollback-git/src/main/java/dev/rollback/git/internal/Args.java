package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.Unresolved;
import java.util.ArrayList;
import java.util.List;

/** Reading resolved parameters of a step, check or signal. */
final class Args {

  private Args() {}

  /** The first parameter among the keys that is not known yet (a preview's reference to a later output). */
  static String unresolved(CallContext ctx, String... keys) {
    for (String k : keys) {
      if (ctx.params().containsKey(k) && !ctx.isResolved(k)) {
        return k;
      }
    }
    return null;
  }

  /** A required text parameter. */
  static String text(CallContext ctx, String key) {
    Object v = ctx.params().get(key);
    if (v == null) {
      throw new GitException("missing parameter '" + key + "'");
    }
    if (v instanceof Unresolved) {
      throw new GitException("parameter '" + key + "' is " + v);
    }
    return String.valueOf(v);
  }

  /** An optional text parameter. */
  static String text(CallContext ctx, String key, String otherwise) {
    return ctx.params().containsKey(key) ? text(ctx, key) : otherwise;
  }

  /** A list of texts; a single value counts as a list of one. */
  static List<String> texts(CallContext ctx, String key) {
    Object v = ctx.params().get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof List) {
      for (Object e : (List<?>) v) {
        if (e instanceof Unresolved) {
          throw new GitException("parameter '" + key + "' holds " + e);
        }
        out.add(String.valueOf(e));
      }
    } else {
      out.add(text(ctx, key));
    }
    return out;
  }

  /** An optional whole number. */
  static int integer(CallContext ctx, String key, int otherwise) {
    Object v = ctx.params().get(key);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof Number) {
      return ((Number) v).intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v));
    } catch (NumberFormatException e) {
      throw new GitException("parameter '" + key + "' must be a whole number, was '" + v + "'", e);
    }
  }

  /** An optional flag. */
  static boolean flag(CallContext ctx, String key, boolean otherwise) {
    Object v = ctx.params().get(key);
    if (v == null) {
      return otherwise;
    }
    return v instanceof Boolean ? (Boolean) v : Boolean.parseBoolean(String.valueOf(v));
  }

  /** A short form of a commit id for summaries. */
  static String abbrev(org.eclipse.jgit.lib.AnyObjectId id) {
    return id.name().substring(0, 7);
  }
}
