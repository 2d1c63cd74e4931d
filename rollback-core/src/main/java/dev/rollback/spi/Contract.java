package dev.rollback.spi;

import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.Ref;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Unit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of a step, check or signal kind, shared by the factory that writes it into a plan and the
 * handler that interprets it: the kind's name, its parameters ({@link Param}) and its outputs ({@link Output}), the
 * way a protocol message has one schema for sender and receiver. A plan stays data (a kind and plain parameters, so
 * it can be hashed, journaled and rendered); the contract is what gives that data its types.
 *
 * <p>Declare each kind once, next to the adapter's handlers, with constants for its parameters; the public factory
 * writes through it and the handler reads through the same constants:
 *
 * <pre>{@code
 * // the contract, in the adapter's internal package
 * public static final Param<Revision, String> COMMIT = Param.revision("commit");
 * public static final Param<Integer, Integer> MAINLINE = Param.integer("mainline");
 * public static final Contract REVERT = Contract.of("git.revert", COMMIT, MAINLINE)
 *     .withOutputs(Output.of("commits", List.class, "the new commits"));
 *
 * // the public factory: typed arguments, plain data in the plan
 * public static Step revert(Revision commit, int mainline) {
 *   return REVERT.with(COMMIT, commit).with(MAINLINE, mainline).step("revert " + commit.text(), Effect.REVERSIBLE);
 * }
 *
 * // the handler
 * public StepPreview preview(StepContext ctx) {
 *   Optional<Param<?, ?>> later = REVERT.unresolved(ctx);      // a preview's reference to a step not run yet
 *   if (later.isPresent()) {
 *     return StepPreview.of("revert " + later.get().shown(ctx));
 *   }
 *   String commit = COMMIT.read(ctx);                          // resolved: "HEAD~1", or the id a ref held
 *   int mainline = MAINLINE.optional(ctx).orElse(0);
 *   ...
 * }
 * }</pre>
 *
 * <p>A kind that is both a step and a check (a search that identifies a commit) has one contract for both. Adapters
 * register handlers under {@link #kind()}.
 */
public final class Contract {

  private final String kind;
  private final List<Param<?, ?>> params;
  private final List<Output<?>> outputs;

  private Contract(String kind, List<Param<?, ?>> params, List<Output<?>> outputs) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.params = params;
    this.outputs = outputs;
  }

  /**
   * Declares a kind and its parameters.
   *
   * @param kind the kind, namespaced by the adapter: {@code git.revert}
   * @param params its parameters, in the order handlers look at them
   * @return the contract, with no outputs beside the value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if two parameters have the same name
   */
  public static Contract of(String kind, Param<?, ?>... params) {
    List<Param<?, ?>> list = List.of(params);
    for (int i = 0; i < list.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (list.get(i).name().equals(list.get(j).name())) {
          throw new IllegalArgumentException(kind + " declares parameter '" + list.get(i).name() + "' twice");
        }
      }
    }
    return new Contract(kind, list, List.of());
  }

  /**
   * The same contract declaring the kind's named outputs.
   *
   * @param outputs the outputs its handler writes beside the value
   * @return the new contract
   */
  public Contract withOutputs(Output<?>... outputs) {
    return new Contract(kind, params, List.of(outputs));
  }

  /**
   * The kind's name.
   *
   * @return the kind, such as {@code git.revert}
   */
  public String kind() {
    return kind;
  }

  /**
   * The kind's parameters.
   *
   * @return them, in their declared order
   */
  public List<Param<?, ?>> params() {
    return params;
  }

  /**
   * The kind's named outputs, beside its value.
   *
   * @return them, in their declared order
   */
  public List<Output<?>> outputs() {
    return outputs;
  }

  /**
   * Starts an element's parameters with one value.
   *
   * @param param one of this kind's parameters
   * @param value its value
   * @param <T> the type the parameter is written from
   * @return the draft, to add more and finish as a step, check or signal
   * @throws IllegalArgumentException if the parameter is not this kind's
   * @throws NullPointerException if {@code value} is null
   */
  public <T> Draft with(Param<T, ?> param, T value) {
    return draft().with(param, value);
  }

  /**
   * Starts an element's parameters with a parameter whose value is an earlier output.
   *
   * @param param one of this kind's parameters
   * @param ref the output
   * @return the draft
   * @throws IllegalArgumentException if the parameter is not this kind's
   */
  public Draft withRef(Param<?, ?> param, Ref ref) {
    return draft().withRef(param, ref);
  }

  /**
   * An element's parameters, empty so far.
   *
   * @return the draft
   */
  public Draft draft() {
    return new Draft();
  }

  /**
   * A step of this kind without parameters.
   *
   * @param name the step's default name
   * @param effect what it does to the world
   * @return the step
   */
  public Step step(String name, Effect effect) {
    return draft().step(name, effect);
  }

  /**
   * A check of this kind without parameters.
   *
   * @param name the check's default name
   * @return the check
   */
  public Check check(String name) {
    return draft().check(name);
  }

  /**
   * A signal of this kind without parameters.
   *
   * @param unit what its values measure
   * @param label how it reads until it is named
   * @return the signal
   */
  public Signal signal(Unit unit, String label) {
    return draft().signal(unit, label);
  }

  /**
   * The first of this kind's parameters, in declared order, that a call has but does not know yet: in a preview, one
   * that refers to an output of a step that has not run. A handler's preview asks this before it reads, and describes
   * the step without the value; a run never has one.
   *
   * @param call the call
   * @return the parameter, when there is one
   */
  public Optional<Param<?, ?>> unresolved(CallContext call) {
    for (Param<?, ?> p : params) {
      if (!p.isResolved(call)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Contract[" + kind + "]";
  }

  /**
   * The parameters of one step, check or signal being written by a factory, in the order they are added (the order
   * previews and runbooks show them in). Used once, in one expression; each method returns this draft.
   */
  public final class Draft {

    private final Map<String, Object> params = new LinkedHashMap<>();

    private Draft() {}

    /**
     * Adds a parameter.
     *
     * @param param one of the kind's parameters
     * @param value its value, written as {@link Param#write} says
     * @param <T> the type the parameter is written from
     * @return this draft
     * @throws IllegalArgumentException if the parameter is not the kind's
     * @throws NullPointerException if {@code value} is null
     */
    public <T> Draft with(Param<T, ?> param, T value) {
      params.put(own(param).name(), param.write(value));
      return this;
    }

    /**
     * Adds a parameter whose value is an earlier output, resolved when the element runs.
     *
     * @param param one of the kind's parameters
     * @param ref the output
     * @return this draft
     * @throws IllegalArgumentException if the parameter is not the kind's
     * @throws NullPointerException if {@code ref} is null
     */
    public Draft withRef(Param<?, ?> param, Ref ref) {
      params.put(own(param).name(), Objects.requireNonNull(ref, param.name()));
      return this;
    }

    /**
     * Adds parameters already written as plain data by another of the kind's values, such as a command's
     * ({@code argv}, {@code directory}, {@code env}).
     *
     * @param written parameters by name, each one of the kind's
     * @return this draft
     * @throws IllegalArgumentException if a name is not one of the kind's parameters
     */
    public Draft withAll(Map<String, ?> written) {
      written.forEach((k, v) -> params.put(own(k), v));
      return this;
    }

    /**
     * The parameters so far.
     *
     * @return them, unmodifiable, in the order they were added
     */
    public Map<String, Object> params() {
      return Collections.unmodifiableMap(params);
    }

    /**
     * Finishes the draft as a step.
     *
     * @param name the step's default name
     * @param effect what it does to the world
     * @return the step
     * @throws IllegalArgumentException if a value is not plain data
     */
    public Step step(String name, Effect effect) {
      return Step.of(kind, name, effect, params);
    }

    /**
     * Finishes the draft as a check.
     *
     * @param name the check's default name
     * @return the check
     * @throws IllegalArgumentException if a value is not plain data
     */
    public Check check(String name) {
      return Check.of(kind, name, params);
    }

    /**
     * Finishes the draft as a signal.
     *
     * @param unit what its values measure
     * @param label how it reads until it is named
     * @return the signal
     * @throws IllegalArgumentException if a value is not plain data
     */
    public Signal signal(Unit unit, String label) {
      return Signal.of(kind, unit, label, params);
    }

    private Param<?, ?> own(Param<?, ?> param) {
      for (Param<?, ?> p : Contract.this.params) {
        if (p == param) {
          return p;
        }
      }
      throw new IllegalArgumentException(kind + " has no parameter " + param);
    }

    private String own(String name) {
      for (Param<?, ?> p : Contract.this.params) {
        if (p.name().equals(name)) {
          return name;
        }
      }
      throw new IllegalArgumentException(kind + " has no parameter '" + name + "'");
    }
  }
}
