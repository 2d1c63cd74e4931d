package dev.rollback.internal.run;

import dev.rollback.Arg;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.RollbackException;
import dev.rollback.Secret;
import dev.rollback.Template;
import dev.rollback.internal.Params;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.Unresolved;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the {@link Arg}s in parameters before a handler sees them, by the public rule of
 * {@link ResolvedParams} (a {@link Ref} becomes the bound output's value, a {@link Template} and a {@link RefName}
 * their filled text, a {@link RepoPath} its text, a {@link Secret} its value; in a preview, what is not known yet an
 * {@link Unresolved}), and shows parameters as a preview displays them.
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
   * Resolves parameters.
   *
   * @param owner what holds them, for messages: {@code step 'revert'}
   * @param params the parameters
   * @return the resolved parameters
   * @throws RollbackException in a run, when a reference or placeholder has no value
   */
  ResolvedParams resolve(String owner, Map<String, Object> params) {
    return ResolvedParams.resolve(owner, params, outputs, secrets::get, preview);
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
      Object r = ResolvedParams.resolveValue("", "", v, outputs, secrets::get, preview);
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
}
