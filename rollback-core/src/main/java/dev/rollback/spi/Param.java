package dev.rollback.spi;

import dev.rollback.Arg;
import dev.rollback.Branch;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Revision;
import dev.rollback.Template;
import dev.rollback.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One parameter of a step, check or signal kind, defined once and used on both sides of the plan: the factory writes
 * a typed value into the plan's parameters with it ({@link Contract#with}), and the handler reads the value back,
 * resolved, with it ({@link #read(CallContext)}). It owns the parameter's name, its type on each side, how a value is
 * written as plain data, and the rule for a value that is not known yet.
 *
 * <p>A plan holds plain data ({@link PlainData.Use#PARAMETER}), so a parameter has two types: {@code T}, what a
 * factory is given ({@link Revision}, {@link RefName}, {@code Duration}), and {@code R}, what a handler reads once the
 * executor has resolved the references, templates, paths and secrets in it ({@code String} for all four of those).
 * The same parameter reads the plan's own value back as {@code T} ({@link #declared(Map)}), for code that looks at a
 * plan before it runs.
 *
 * <p><b>Values not known yet.</b> Any parameter may hold a {@link Ref} to an earlier output instead of a value
 * ({@link Contract.Draft#withRef}), and text-like ones a {@link Template}. When the handler runs they are resolved; in
 * a preview, a reference to a step that has not run is not, and reading such a parameter throws a
 * {@link ParamException} that says so. Previews ask first, in one place: {@link Contract#unresolved(CallContext)}
 * (or {@link #isResolved(CallContext)}), and describe the step without the value.
 *
 * <pre>{@code
 * static final Param<Revision, String> COMMIT = Param.revision("commit");
 * static final Contract CHANGED_FILES = Contract.of("git.changedFiles", COMMIT);
 *
 * // the factory
 * public static Step changedFiles(Revision commit) {
 *   return CHANGED_FILES.with(COMMIT, commit).step("list files changed by " + commit.text(), Effect.READ_ONLY);
 * }
 * // the handler
 * String rev = COMMIT.read(ctx);          // "HEAD~1", or the id the reference resolved to
 * }</pre>
 *
 * @param <T> the type a factory writes
 * @param <R> the type a handler reads, resolved
 */
public final class Param<T, R> {

  private final String name;
  private final Function<? super T, ?> write;
  private final Function<Object, ? extends T> declared;
  private final Function<Object, ? extends R> read;

  private Param(String name, Function<? super T, ?> write, Function<Object, ? extends T> declared,
      Function<Object, ? extends R> read) {
    this.name = Objects.requireNonNull(name, "name");
    this.write = Objects.requireNonNull(write, "write");
    this.declared = Objects.requireNonNull(declared, "declared");
    this.read = Objects.requireNonNull(read, "read");
  }

  /**
   * A parameter of an adapter's own type.
   *
   * @param name the parameter's name in the plan's parameters
   * @param write the value as plain data ({@link PlainData.Use#PARAMETER}), such as an {@link Arg} of the adapter's
   * @param declared the plain data a plan holds (what {@code write} gave, or a {@link Ref}) back as a value
   * @param read the resolved plain data as the handler's value; it may throw {@link IllegalArgumentException} with
   *     the reason (such as {@code "must be a whole number, was 'x'"}), which the parameter turns into a
   *     {@link ParamException} naming the element and the parameter
   * @param <T> the type a factory writes
   * @param <R> the type a handler reads
   * @return the parameter
   * @throws NullPointerException if an argument is null
   */
  public static <T, R> Param<T, R> of(String name, Function<? super T, ?> write, Function<Object, ? extends T> declared,
      Function<Object, ? extends R> read) {
    return new Param<>(name, write, declared, read);
  }

  /**
   * A text parameter.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<String, String> string(String name) {
    return new Param<>(name, v -> v, Param::text, Param::text);
  }

  /**
   * Free text: a literal, a {@link Template} or a {@link Ref}; read as the resolved text.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Text, String> text(String name) {
    return new Param<>(name, Param::plain, v -> v instanceof Text ? (Text) v : Text.of(text(v)), Param::text);
  }

  /**
   * A commit: a literal, a {@link Ref} or a {@link Template}; read as the resolved text.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Revision, String> revision(String name) {
    return new Param<>(name, Param::plain, Param::revisionOf, Param::text);
  }

  /**
   * Commits, in their order; read as the resolved texts. A {@link Ref} to an output holding a list is read as that
   * list, and one holding a single commit as a list of one.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<List<? extends Revision>, List<String>> revisions(String name) {
    return new Param<>(name, list -> mapList(list, Param::plain), v -> mapList(list(v), Param::revisionOf),
        v -> mapList(list(v), Param::text));
  }

  /**
   * A Git branch or tag name; read as the name, its placeholders filled.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<RefName, String> refName(String name) {
    return new Param<>(name, v -> v, v -> v instanceof RefName ? (RefName) v : new RefName(text(v)), Param::text);
  }

  /**
   * A branch or tag named now ({@link RefName}) or by an earlier output ({@link Ref}); read as the name.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Branch, String> branch(String name) {
    return new Param<>(name, v -> v, v -> v instanceof Branch ? (Branch) v : new RefName(text(v)), Param::text);
  }

  /**
   * A path relative to the repository's root; read as the path's text.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<RepoPath, String> path(String name) {
    return new Param<>(name, v -> v, Param::pathOf, Param::text);
  }

  /**
   * Paths relative to the repository's root, in their order; read as their texts.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<List<RepoPath>, List<String>> paths(String name) {
    return new Param<>(name, List::copyOf, v -> mapList(list(v), Param::pathOf), v -> mapList(list(v), Param::text));
  }

  /**
   * Texts, in their order; a single value reads as a list of one.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<List<String>, List<String>> strings(String name) {
    return new Param<>(name, v -> v, v -> mapList(list(v), Param::text), v -> mapList(list(v), Param::text));
  }

  /**
   * Values by name, each text or an argument resolved to text (a {@code Secret}, a {@code Ref}, a
   * {@code Template}); read as text by name, in the map's order. The map is written as given: give a
   * {@link LinkedHashMap} to keep its order in the plan, since other maps are sorted by key ({@link PlainData}).
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Map<String, ?>, Map<String, String>> textMap(String name) {
    return new Param<>(name, v -> v, v -> map(v, x -> x), v -> map(v, Param::text));
  }

  /**
   * A flag; read from a boolean or the text {@code true}.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Boolean, Boolean> flag(String name) {
    return new Param<>(name, v -> v, Param::flagOf, Param::flagOf);
  }

  /**
   * A whole number written as an {@code Integer}; read from a number or its text.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Integer, Integer> integer(String name) {
    return new Param<>(name, v -> v, v -> (int) whole(v), v -> {
      long n = whole(v);
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("must be a whole number of at most 10 digits, was " + n);
      }
      return (int) n;
    });
  }

  /**
   * A whole number written as a {@code Long}, such as an id; read from a number or its text (an output that held an
   * id as text).
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Long, Long> number(String name) {
    return new Param<>(name, v -> v, Param::whole, Param::whole);
  }

  /**
   * A duration; read from a duration or its ISO-8601 text ({@code PT5M}).
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Duration, Duration> duration(String name) {
    return new Param<>(name, v -> v, Param::durationOf, Param::durationOf);
  }

  /**
   * An instant, written as its ISO-8601 text ({@code 2026-01-01T00:00:00Z}), since a plan holds no instants.
   *
   * @param name the parameter's name
   * @return the parameter
   */
  public static Param<Instant, Instant> instant(String name) {
    return new Param<>(name, Instant::toString, Param::instantOf, Param::instantOf);
  }

  /**
   * The parameter's name in the plan's parameters.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * A value as the plan's parameters hold it.
   *
   * @param value the value
   * @return plain data ({@link PlainData.Use#PARAMETER}), arguments included
   * @throws NullPointerException if {@code value} is null
   */
  public Object write(T value) {
    return write.apply(Objects.requireNonNull(value, name));
  }

  /**
   * The value a plan holds, as the factory gave it: for code that looks at a plan before it runs (what will be pushed
   * where, which remote to fetch).
   *
   * @param params an element's parameters as declared ({@code step.params()})
   * @return the value; empty when the element does not have this parameter
   * @throws ParamException when the value is not of this parameter's type
   */
  public Optional<T> declared(Map<String, Object> params) {
    Object v = params.get(name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(declared.apply(v));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ParamException("parameter '" + name + "' " + reason(e, v), e);
    }
  }

  /**
   * Whether the call knows this parameter's value: true when it has the value or does not have the parameter, false
   * in a preview for a value that refers to an output not bound yet.
   *
   * @param call the call
   * @return whether it is known
   */
  public boolean isResolved(CallContext call) {
    return !call.params().containsKey(name) || call.isResolved(name);
  }

  /**
   * The parameter's value in a call, which must have it.
   *
   * @param call the call
   * @return the resolved value
   * @throws ParamException when the call does not have the parameter, its value is not known yet, or it is not of
   *     this parameter's type; the message names the element, the parameter and the value
   */
  public R read(CallContext call) {
    return read(call.params(), owner(call));
  }

  /**
   * The parameter's value in a call, when it has one.
   *
   * @param call the call
   * @return the resolved value; empty when the call does not have the parameter
   * @throws ParamException when its value is not known yet or not of this parameter's type
   */
  public Optional<R> optional(CallContext call) {
    return optional(call.params(), owner(call));
  }

  /**
   * The parameter's value in resolved parameters, which must have it: for values nested in another parameter (a
   * command's undo command) or read outside a handler.
   *
   * @param resolved resolved parameters ({@link ResolvedParams#values()})
   * @param owner what holds them, for messages: {@code step 'revert'}
   * @return the value
   * @throws ParamException when the parameters lack it, its value is not known yet, or it is not of its type
   */
  public R read(Map<String, ?> resolved, String owner) {
    return optional(resolved, owner).orElseThrow(() -> new ParamException(owner + " has no parameter '" + name
        + "'"));
  }

  /**
   * The parameter's value in resolved parameters, when they have it; see {@link #read(Map, String)}.
   *
   * @param resolved resolved parameters
   * @param owner what holds them, for messages
   * @return the value; empty when the parameters lack it
   * @throws ParamException when its value is not known yet or not of its type
   */
  public Optional<R> optional(Map<String, ?> resolved, String owner) {
    Object v = resolved.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (ResolvedParams.holdsUnresolved(v)) {
      throw new ParamException(owner + " parameter '" + name + "' is " + unresolvedPart(v));
    }
    try {
      return Optional.of(read.apply(v));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ParamException(owner + " parameter '" + name + "' " + reason(e, v), e);
    }
  }

  /**
   * The parameter's value in a call as text for a preview or a message: the resolved value, or what stands for it
   * when it is not known yet ({@code ${culprit} (known at run time)}); {@code null} when the call lacks it.
   *
   * @param call the call
   * @return the text
   */
  public String shown(CallContext call) {
    return String.valueOf(call.params().get(name));
  }

  @Override
  public String toString() {
    return "Param[" + name + "]";
  }

  /** What a call is, for messages: {@code step 'revert'}. */
  static String owner(CallContext call) {
    if (call instanceof StepContext) {
      return "step '" + ((StepContext) call).step().name() + "'";
    }
    if (call instanceof CheckContext) {
      return "check '" + ((CheckContext) call).check().name() + "'";
    }
    if (call instanceof SignalContext) {
      return "signal " + ((SignalContext) call).signal().displayName();
    }
    return "the call";
  }

  private static String reason(RuntimeException e, Object v) {
    return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
        : "has the wrong type: " + v.getClass().getSimpleName();
  }

  private static Object unresolvedPart(Object v) {
    if (v instanceof List) {
      for (Object e : (List<?>) v) {
        if (ResolvedParams.holdsUnresolved(e)) {
          return unresolvedPart(e);
        }
      }
    } else if (v instanceof Map) {
      for (Object e : ((Map<?, ?>) v).values()) {
        if (ResolvedParams.holdsUnresolved(e)) {
          return unresolvedPart(e);
        }
      }
    }
    return v;
  }

  /** A text-like value as a plan holds it: the literal's text, or the reference or template itself. */
  private static Object plain(Object v) {
    if (v instanceof Revision.Literal) {
      return ((Revision.Literal) v).text();
    }
    if (v instanceof Text.Literal) {
      return ((Text.Literal) v).text();
    }
    return v;
  }

  private static Revision revisionOf(Object v) {
    return v instanceof Revision ? (Revision) v : Revision.of(text(v));
  }

  private static RepoPath pathOf(Object v) {
    return v instanceof RepoPath ? (RepoPath) v : new RepoPath(text(v));
  }

  /** Resolved text; an adapter's own argument (an image reference) as its text. */
  private static String text(Object v) {
    return v instanceof Arg ? ((Arg) v).text() : String.valueOf(v);
  }

  private static List<?> list(Object v) {
    return v instanceof List ? (List<?>) v : List.of(v);
  }

  private static <A, B> List<B> mapList(List<A> list, Function<? super A, ? extends B> f) {
    List<B> out = new ArrayList<>(list.size());
    for (A a : list) {
      out.add(f.apply(a));
    }
    return Collections.unmodifiableList(out);
  }

  private static <V> Map<String, V> map(Object v, Function<Object, V> f) {
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("must be a map, was " + v.getClass().getSimpleName());
    }
    Map<String, V> out = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), f.apply(x)));
    return Collections.unmodifiableMap(out);
  }

  private static boolean flagOf(Object v) {
    return v instanceof Boolean ? (Boolean) v : Boolean.parseBoolean(String.valueOf(v));
  }

  private static long whole(Object v) {
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    String s = String.valueOf(v).trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number, was '" + s + "'", e);
    }
  }

  private static Duration durationOf(Object v) {
    if (v instanceof Duration) {
      return (Duration) v;
    }
    try {
      return Duration.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not a duration: " + v, e);
    }
  }

  private static Instant instantOf(Object v) {
    if (v instanceof Instant) {
      return (Instant) v;
    }
    try {
      return Instant.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not an instant such as 2026-01-01T00:00:00Z: " + v, e);
    }
  }
}
