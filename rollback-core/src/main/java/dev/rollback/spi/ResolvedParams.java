package dev.rollback.spi;

import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.RollbackException;
import dev.rollback.Secret;
import dev.rollback.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An element's parameters resolved as the executor resolves them before a handler sees them, the rule
 * {@link CallContext#params()} promises: a {@link Ref} becomes the bound output's value, a {@link Template} and a
 * {@link RefName} their filled text, a {@link RepoPath} its text, a {@link Secret} its value. Other arguments (an
 * adapter's own) pass through unchanged, inside lists and maps too. In a preview, what refers to an output not
 * bound yet, or a secret not set, becomes an {@link Unresolved}; in a run it is an error naming the parameter.
 *
 * <p>The executor resolves every call with this class; test harnesses use it to call handlers exactly as the
 * executor would:
 *
 * <pre>{@code
 * ResolvedParams p = ResolvedParams.resolve("step 'revert'", step.params(), outputs::get, secrets::get, false);
 * p.values().get("commit");   // the bound output's value
 * }</pre>
 */
public final class ResolvedParams {

  private final Map<String, Object> values;
  private final Set<String> unresolved;

  private ResolvedParams(Map<String, Object> values, Set<String> unresolved) {
    this.values = values;
    this.unresolved = unresolved;
  }

  /**
   * Resolves parameters.
   *
   * @param owner what holds them, for error messages: {@code step 'revert'}
   * @param params the parameters as declared
   * @param outputs the value bound to an output name, or {@code null} when none is bound
   * @param secrets the value of a secret by its name, or {@code null} when it is not set
   * @param preview whether this is a preview, where what is not known yet resolves to {@link Unresolved}
   * @return the resolved parameters
   * @throws RollbackException outside a preview, when a reference, placeholder or secret has no value; the
   *     message names the owner, the parameter and the output or secret
   * @throws NullPointerException if an argument is null
   */
  public static ResolvedParams resolve(String owner, Map<String, Object> params, Function<String, Object> outputs,
      Function<String, String> secrets, boolean preview) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(secrets, "secrets");
    if (params.isEmpty()) {
      return new ResolvedParams(Map.of(), Set.of());
    }
    Resolver r = new Resolver(owner, outputs, secrets, preview);
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      Object v = r.value(e.getKey(), e.getValue());
      out.put(e.getKey(), v);
      if (holdsUnresolved(v)) {
        unresolved.add(e.getKey());
      }
    }
    return new ResolvedParams(Collections.unmodifiableMap(out), Collections.unmodifiableSet(unresolved));
  }

  /**
   * Resolves one value as a parameter of {@code owner} named {@code key} would be.
   *
   * @param owner what holds it, for error messages
   * @param key the parameter's name, for error messages
   * @param value the value as declared
   * @param outputs the value bound to an output name, or {@code null} when none is bound
   * @param secrets the value of a secret by its name, or {@code null} when it is not set
   * @param preview whether this is a preview
   * @return the resolved value, possibly an {@link Unresolved} (or holding one) in a preview
   * @throws RollbackException outside a preview, when a reference, placeholder or secret has no value
   */
  public static Object resolveValue(String owner, String key, Object value, Function<String, Object> outputs,
      Function<String, String> secrets, boolean preview) {
    return new Resolver(owner, outputs, secrets, preview).value(key, value);
  }

  /**
   * The resolved parameters, in their declared order.
   *
   * @return the values by name, unmodifiable
   */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * The parameters whose values are not known yet (only in a preview).
   *
   * @return their names, unmodifiable
   */
  public Set<String> unresolved() {
    return unresolved;
  }

  /**
   * Whether a parameter is known now, the answer of {@link CallContext#isResolved(String)}.
   *
   * @param key the parameter's name
   * @return {@code false} when its value is, or holds, an {@link Unresolved}
   */
  public boolean isResolved(String key) {
    return !unresolved.contains(key);
  }

  /**
   * Whether a resolved value is, or holds in its lists and maps, an {@link Unresolved}.
   *
   * @param value a resolved value
   * @return whether part of it is not known yet
   */
  public static boolean holdsUnresolved(Object value) {
    if (value instanceof Unresolved) {
      return true;
    }
    if (value instanceof List) {
      for (Object e : (List<?>) value) {
        if (holdsUnresolved(e)) {
          return true;
        }
      }
    } else if (value instanceof Map) {
      for (Object e : ((Map<?, ?>) value).values()) {
        if (holdsUnresolved(e)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ResolvedParams" + values.keySet() + (unresolved.isEmpty() ? "" : ", unresolved " + unresolved);
  }

  /** One resolution's rules; values are never shown in messages, only names. */
  private static final class Resolver {
    private final String owner;
    private final Function<String, Object> outputs;
    private final Function<String, String> secrets;
    private final boolean preview;

    Resolver(String owner, Function<String, Object> outputs, Function<String, String> secrets, boolean preview) {
      this.owner = owner;
      this.outputs = outputs;
      this.secrets = secrets;
      this.preview = preview;
    }

    Object value(String key, Object v) {
      if (v instanceof Ref) {
        String name = ((Ref) v).name();
        Object o = outputs.apply(name);
        return o != null ? o : missing(key, name);
      }
      if (v instanceof Template) {
        return fill(key, ((Template) v).text());
      }
      if (v instanceof RefName) {
        return fill(key, ((RefName) v).name());
      }
      if (v instanceof RepoPath) {
        return ((RepoPath) v).path();
      }
      if (v instanceof Secret) {
        String name = ((Secret) v).name();
        String s = secrets.apply(name);
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
          out.add(value(key, e));
        }
        return Collections.unmodifiableList(out);
      }
      if (v instanceof Map) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, value(key, x)));
        return Collections.unmodifiableMap(out);
      }
      return v;
    }

    private Object fill(String key, String text) {
      String[] missing = new String[1];
      String filled = new Template(text).fill(name -> {
        Object o = outputs.apply(name);
        if (o == null && missing[0] == null) {
          missing[0] = name;
        }
        return o == null ? "" : o;
      });
      return missing[0] == null ? filled : missing(key, missing[0]);
    }

    private Object missing(String key, String output) {
      if (preview) {
        return new Unresolved(output);
      }
      throw new RollbackException(owner + " parameter '" + key + "' refers to output '" + output
          + "', which has no value: the step or check that binds it did not produce one");
    }
  }
}
