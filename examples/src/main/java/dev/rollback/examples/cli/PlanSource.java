package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  private PlanSource() {}

  /**
   * Loads the plan an argument names.
   *
   * @param argument a {@code .jsh} path, or a class name, optionally with {@code #member}
   * @return the plan
   * @throws UsageException if the argument names no file and no class
   * @throws PlanScriptException if the script or class fails to give a plan
   */
  public static RollbackPlan load(String argument) {
    Path path = Path.of(argument);
    if (argument.endsWith(".jsh") || Files.exists(path)) {
      if (!Files.isRegularFile(path)) {
        throw new UsageException("no such file: " + argument);
      }
      return PlanScript.evaluate(path);
    }
    if (!CLASS_NAME.matcher(argument).matches()) {
      throw new UsageException("no such file: " + argument);
    }
    return fromClass(argument);
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
