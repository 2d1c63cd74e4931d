package dev.rollback.internal.run;

import dev.rollback.Arg;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.RollbackException;
import dev.rollback.Secret;
import dev.rollback.Template;
import dev.rollback.internal.Params;
import dev.rollback.spi.Unresolved;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves the {@link Arg}s in parameters before a handler sees them: a {@link Ref} becomes the bound output's
 * value, a {@link Template} and a {@link RefName} their filled text, a {@link RepoPath} its text, a {@link Secret}
 * its value. Other arguments (an adapter's own) pass through unchanged. In a preview, what refers to an output not
 * bound yet becomes an {@link Unresolved}; in a run it is an error naming the output.
 */
final class ParamResolver {

  private final Function<String, Object> outputs;
  private final Map<String, String> secrets;
  private final boolean preview;

  ParamResolver(Function<String, Object> outputs, Map<String, String> secrets, boolean preview) {
    this.outputs = outputs;
    this.secrets = secrets;
    this.preview = preview;
  }

  /**
   * The resolved parameters and the keys that are not resolved.
   *
   * @param values the parameters, resolved
   * @param unresolved the keys whose values hold an {@link Unresolved}
   */
  record Resolved(Map<String, Object> values, Set<String> unresolved) {}

  /**
   * Resolves parameters.
   *
   * @param owner what holds them, for messages: {@code step 'revert'}
   * @param params the parameters
   * @return the resolved parameters
   * @throws RollbackException in a run, when a reference or placeholder has no value
   */
  Resolved resolve(String owner, Map<String, Object> params) {
    if (params.isEmpty()) {
      return new Resolved(Map.of(), Set.of());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      Object v = value(owner, e.getKey(), e.getValue());
      out.put(e.getKey(), v);
      if (holdsUnresolved(v)) {
        unresolved.add(e.getKey());
      }
    }
    return new Resolved(Collections.unmodifiableMap(out), Collections.unmodifiableSet(unresolved));
  }

  private Object value(String owner, String key, Object v) {
    if (v instanceof Ref) {
      String name = ((Ref) v).name();
      Object o = outputs.apply(name);
      return o != null ? o : missing(owner, key, name);
    }
    if (v instanceof Template) {
      return fill(owner, key, ((Template) v).text());
    }
    if (v instanceof RefName) {
      return fill(owner, key, ((RefName) v).name());
    }
    if (v instanceof RepoPath) {
      return ((RepoPath) v).path();
    }
    if (v instanceof Secret) {
      String name = ((Secret) v).name();
      String s = secrets.get(name);
      if (s == null) {
        if (preview) {
          return new Unresolved("secret:" + name);
        }
        throw new RollbackException(owner + " parameter '" + key + "' needs secret '" + name + "', which is not set");
      }
      return s;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(value(owner, key, e));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, value(owner, key, x)));
      return Collections.unmodifiableMap(out);
    }
    return v;
  }

  private Object fill(String owner, String key, String text) {
    String[] missing = new String[1];
    String filled = new Template(text).fill(name -> {
      Object o = outputs.apply(name);
      if (o == null && missing[0] == null) {
        missing[0] = name;
      }
      return o == null ? "" : o;
    });
    return missing[0] == null ? filled : missing(owner, key, missing[0]);
  }

  private Object missing(String owner, String key, String output) {
    if (preview) {
      return new Unresolved(output);
    }
    throw new RollbackException(owner + " parameter '" + key + "' refers to output '" + output
        + "', which has no value: the step or check that binds it did not produce one");
  }

  /**
   * The parameters as a preview shows them: references resolved where known, secrets named, never shown.
   *
   * @param params the parameters
   * @return plain data for display
   */
  Map<String, Object> display(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, shown(v)));
    return out;
  }

  private Object shown(Object v) {
    if (v instanceof Secret) {
      return ((Secret) v).text();
    }
    if (v instanceof Ref || v instanceof Template || v instanceof RefName) {
      Object r = value("", "", v);
      return r instanceof Unresolved ? r.toString() : Params.show(r);
    }
    if (v instanceof Arg) {
      return v instanceof RepoPath ? ((RepoPath) v).path() : ((Arg) v).text();
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(shown(e)));
      return out;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, shown(x)));
      return out;
    }
    if (v instanceof java.time.Duration) {
      return Params.show(v);
    }
    return v;
  }

  static boolean holdsUnresolved(Object v) {
    if (v instanceof Unresolved) {
      return true;
    }
    if (v instanceof List) {
      for (Object e : (List<?>) v) {
        if (holdsUnresolved(e)) {
          return true;
        }
      }
    } else if (v instanceof Map) {
      for (Object e : ((Map<?, ?>) v).values()) {
        if (holdsUnresolved(e)) {
          return true;
        }
      }
    }
    return false;
  }
}
