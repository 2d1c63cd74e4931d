package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a command finds its plan: a JShell script ({@code plan.jsh}, see {@link PlanScript}), or a class on the
 * class path with a public static method that takes nothing and returns a {@link RollbackPlan}, or a public
 * static final {@code RollbackPlan} field ({@code dev.rollback.examples.P3007Plan}). When a class has several,
 * name one: {@code dev.rollback.examples.P3007Plan#plan}.
 */
public final class PlanSource {

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
          + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(#[\\p{javaJavaIdentifierStart}]"
          + "[\\p{javaJavaIdentifierPart}]*)?");

  /** What a plan argument is, as the commands' help describes it. */
  static final String ARGUMENT = "a JShell script (examples/jshell/p3-007.jsh) or a class with a public static method"
      + " or final field giving a RollbackPlan (dev.rollback.examples.P3007Plan, or Class#member)";

  private PlanSource() {}

  /**
   * Loads the plan an argument names, within {@link PlanScript#DEFAULT_LIMIT}.
   *
   * @param argument a {@code .jsh} path, or a class name, optionally with {@code #member}
   * @return the plan
   * @throws UsageException if the argument names no file and no class
   * @throws PlanScriptException if the script or class fails to give a plan in time
   */
  public static RollbackPlan load(String argument) {
    return load(argument, PlanScript.DEFAULT_LIMIT);
  }

  /**
   * Loads the plan an argument names, within the time limit the environment sets with
   * {@code ROLLBACK_PLAN_TIMEOUT} ({@code 90s}, {@code 5m}, or seconds), else {@link PlanScript#DEFAULT_LIMIT}.
   *
   * @param argument a {@code .jsh} path, or a class name, optionally with {@code #member}
   * @param environment the environment variables
   * @return the plan
   * @throws UsageException if the argument names no file and no class, or the time limit is not a duration
   * @throws PlanScriptException if the script or class fails to give a plan in time
   */
  public static RollbackPlan load(String argument, Map<String, String> environment) {
    return load(argument, limit(environment), PlanCache.directory(environment));
  }

  /**
   * The time limit for building a plan an environment sets with {@code ROLLBACK_PLAN_TIMEOUT}.
   *
   * @param environment the environment variables
   * @return the limit; {@link PlanScript#DEFAULT_LIMIT} when the variable is not set
   * @throws UsageException naming the variable and its value when it is not a positive duration
   */
  static Duration limit(Map<String, String> environment) {
    String v = environment.getOrDefault(PlanScript.LIMIT_VARIABLE, "").strip();
    if (v.isEmpty()) {
      return PlanScript.DEFAULT_LIMIT;
    }
    Matcher m = LIMIT.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = "m".equals(m.group(2)) ? Duration.ofMinutes(n) : "ms".equals(m.group(2)) ? Duration.ofMillis(n)
          : Duration.ofSeconds(n);
      if (!d.isZero()) {
        return d;
      }
    }
    throw new UsageException(PlanScript.LIMIT_VARIABLE + "='" + v + "' is not a time limit; give seconds or"
        + " minutes, such as 120s or 5m");
  }

  private static final Pattern LIMIT = Pattern.compile("(\\d{1,9})\\s*(s|m|ms)?");

  /**
   * Loads the plan an argument names, within a time limit.
   *
   * @param argument a {@code .jsh} path, or a class name, optionally with {@code #member}
   * @param limit how long building the plan may take
   * @return the plan
   * @throws UsageException if the argument names no file and no class
   * @throws PlanScriptException if the script or class fails to give a plan in time
   */
  public static RollbackPlan load(String argument, Duration limit) {
    return load(argument, limit, PlanCache.directory(System.getenv()));
  }

  /** Loads a plan, keeping a script's compiled form in the cache's directory, if any ({@link PlanCache}). */
  static RollbackPlan load(String argument, Duration limit, java.util.Optional<Path> cache) {
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      throw new UsageException(argument + " is a directory, not a plan: name a .jsh script"
          + (argument.endsWith(".jsh") ? "" : " or a class") + " (a directory named like a script is not one)");
    }
    if (argument.endsWith(".jsh") || Files.exists(path)) {
      if (!Files.isRegularFile(path)) {
        throw new UsageException("no such file: " + argument);
      }
      return PlanScript.evaluate(path, limit, cache);
    }
    if (!CLASS_NAME.matcher(argument).matches()) {
      throw new UsageException("no such file: " + argument);
    }
    return fromClass(argument, limit);
  }

  /** Builds a class's plan on a thread of its own, so that a plan that never returns does not hang the launcher. */
  private static RollbackPlan fromClass(String argument, Duration limit) {
    CompletableFuture<RollbackPlan> plan = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        plan.complete(fromClass(argument));
      } catch (Throwable t) {
        plan.completeExceptionally(t);
      }
    }, "rollback-plan-class");
    worker.setDaemon(true);
    worker.start();
    try {
      return plan.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new PlanScriptException("plan " + argument + " was not built within " + PlanScript.shown(limit)
          + "; is there an endless loop? If it needs longer, raise the limit: " + PlanScript.LIMIT_VARIABLE + "="
          + Math.max(2 * limit.toSeconds(), 120) + "s", List.of());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new PlanScriptException("plan " + argument + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanScriptException("building plan " + argument + " was interrupted", e);
    }
  }

  private static RollbackPlan fromClass(String argument) {
    int hash = argument.indexOf('#');
    String className = hash < 0 ? argument : argument.substring(0, hash);
    String memberName = hash < 0 ? null : argument.substring(hash + 1);
    Class<?> type;
    try {
      type = Class.forName(className, true, PlanSource.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UsageException("no such file or class: " + argument);
    } catch (LinkageError e) {
      throw new PlanScriptException("class " + className + " cannot be loaded: " + e, e);
    }
    List<Member> candidates = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
          && RollbackPlan.class.isAssignableFrom(m.getReturnType())
          && (memberName == null || m.getName().equals(memberName))) {
        candidates.add(m);
      }
    }
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
          && RollbackPlan.class.isAssignableFrom(f.getType())
          && (memberName == null || f.getName().equals(memberName))) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      throw new PlanScriptException("class " + className + " has no public static "
          + (memberName == null ? "method or final field" : "method or final field '" + memberName + "'")
          + " giving a RollbackPlan", List.of());
    }
    if (candidates.size() > 1) {
      throw new PlanScriptException("class " + className + " has several plans; name one: " + candidates.stream()
          .map(m -> className + "#" + m.getName()).collect(Collectors.joining(", ")), List.of());
    }
    Member member = candidates.get(0);
    String shown = className + "." + member.getName() + (member instanceof Method ? "()" : "");
    try {
      Object plan = member instanceof Method ? ((Method) member).invoke(null) : ((Field) member).get(null);
      if (plan == null) {
        throw new PlanScriptException(shown + " gave null instead of a plan", List.of());
      }
      return (RollbackPlan) plan;
    } catch (InvocationTargetException e) {
      throw new PlanScriptException(shown + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new PlanScriptException(shown + " is not accessible: " + e.getMessage(), e);
    }
  }
}
