package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates a JShell script ({@code .jsh}) in this JVM and takes the {@link RollbackPlan} it defines: the last
 * variable of type {@code RollbackPlan} still defined when the script ends.
 *
 * <p>The script is read as the {@code jshell} tool reads it, line by line, a snippet ending where it is complete,
 * and runs with this JVM's class path, so {@code import static dev.rollback.Rollback.*;} works. It stops at the
 * first snippet that does not compile or throws; a {@code /exit} line ends it early. Other JShell commands are
 * refused.
 *
 * <pre>{@code
 * RollbackPlan plan = PlanScript.evaluate(Path.of("examples/jshell/p3-007.jsh"));
 * }</pre>
 */
public final class PlanScript {

  private static final Map<String, Object> HANDED_OVER = new ConcurrentHashMap<>();
  /** A JShell command such as {@code /exit} or {@code /open}, not a comment. */
  private static final Pattern JSHELL_COMMAND = Pattern.compile("/[A-Za-z!?0-9-]");

  private final Path script;
  private final JShell shell;
  private final List<String> failures = new ArrayList<>();

  private PlanScript(Path script, JShell shell) {
    this.script = script;
    this.shell = shell;
  }

  /**
   * Evaluates the script and returns its plan.
   *
   * @param script the {@code .jsh} file
   * @return the last plan the script defines
   * @throws PlanScriptException if the script cannot be read, does not compile, throws, or defines no plan; the
   *     message holds JShell's diagnostics with line numbers
   */
  public static RollbackPlan evaluate(Path script) {
    String source;
    try {
      source = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PlanScriptException("cannot read " + script + ": " + e.getMessage(), e);
    }
    // JShell's own output streams go nowhere. With the local engine a script's System.out is this JVM's, which the
    // launcher points at standard error, so that a command's output stays clean.
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    try (JShell shell = JShell.builder().executionEngine("local").out(discard).err(discard).build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      return new PlanScript(script, shell).run(source);
    }
  }

  /**
   * Receives a value from the script being evaluated: the snippet {@link #evaluate} adds at the end of a script
   * calls this to hand its plan over. Not for other use.
   *
   * @param token the evaluation's token
   * @param value the value of the script's variable
   */
  public static void handOver(String token, Object value) {
    HANDED_OVER.put(token, value == null ? Void.class : value);
  }

  private RollbackPlan run(String source) {
    String[] lines = source.split("\r?\n", -1);
    StringBuilder buffer = new StringBuilder();
    int bufferLine = 1;
    for (int i = 0; i < lines.length && failures.isEmpty(); i++) {
      String line = lines[i];
      if (buffer.toString().isBlank() && JSHELL_COMMAND.matcher(line.strip()).lookingAt()) {
        String command = line.strip().split("\\s+", 2)[0];
        if (command.equals("/exit")) {
          break;
        }
        failures.add("line " + (i + 1) + ": JShell command " + command + " is not supported in plan scripts");
        break;
      }
      if (buffer.toString().isBlank()) {
        buffer.setLength(0);
        bufferLine = i + 1;
      }
      buffer.append(line).append('\n');
      bufferLine = evalComplete(buffer, bufferLine, false);
    }
    if (failures.isEmpty() && !buffer.toString().isBlank()) {
      evalComplete(buffer, bufferLine, true);
    }
    if (!failures.isEmpty()) {
      throw new PlanScriptException("script " + script + " failed", failures);
    }
    return lastPlan();
  }

  /**
   * Evaluates the complete snippets at the start of the buffer, leaving the incomplete rest in it.
   *
   * @return the line number where the buffer now starts
   */
  private int evalComplete(StringBuilder buffer, int line, boolean atEnd) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    while (failures.isEmpty() && !buffer.toString().isBlank()) {
      String text = buffer.toString();
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(text);
      Completeness c = info.completeness();
      if (c == Completeness.EMPTY) {
        buffer.setLength(0);
        return line;
      }
      if (!c.isComplete() && c != Completeness.UNKNOWN && !atEnd) {
        return line;
      }
      String snippet = c.isComplete() ? info.source() : text;
      String rest = c.isComplete() ? info.remaining() : "";
      eval(snippet, line);
      String consumed = text.substring(0, text.length() - rest.length());
      line += count(consumed, '\n');
      buffer.setLength(0);
      buffer.append(rest);
    }
    return line;
  }

  private void eval(String snippet, int line) {
    for (SnippetEvent event : shell.eval(snippet)) {
      if (event.causeSnippet() != null) {
        continue;
      }
      Snippet s = event.snippet();
      switch (event.status()) {
        case REJECTED:
          List<Diag> diags = shell.diagnostics(s).collect(Collectors.toList());
          if (diags.isEmpty()) {
            failures.add("line " + line + ": JShell rejected " + oneLine(snippet));
          }
          for (Diag d : diags) {
            // The preferred position: the name that is wrong, not the start of the expression around it.
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            int at = pos < 0 ? 0 : (int) Math.min(pos, snippet.length());
            failures.add("line " + (line + count(snippet.substring(0, at), '\n')) + ": "
                + oneLine(d.getMessage(Locale.ROOT)));
          }
          break;
        case RECOVERABLE_DEFINED:
        case RECOVERABLE_NOT_DEFINED:
          failures.add("line " + line + ": " + oneLine(snippet) + " refers to what is not defined: "
              + String.join(", ", shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                  .collect(Collectors.toList())));
          break;
        default:
          break;
      }
      if (event.exception() != null) {
        failures.add("line " + line + ": " + describe(event.exception()));
      }
    }
  }

  private RollbackPlan lastPlan() {
    List<VarSnippet> plans = shell.variables()
        .filter(v -> v.typeName().equals("RollbackPlan") || v.typeName().equals(RollbackPlan.class.getName()))
        .collect(Collectors.toList());
    if (plans.isEmpty()) {
      throw new PlanScriptException("script " + script + " defines no RollbackPlan; end it with a variable such as"
          + " RollbackPlan plan = Rollback.plan(\"...\")...build();", List.of());
    }
    VarSnippet last = plans.get(plans.size() - 1);
    String token = UUID.randomUUID().toString();
    try {
      eval(PlanScript.class.getName() + ".handOver(\"" + token + "\", " + last.name() + ");", 0);
      Object value = HANDED_OVER.get(token);
      if (!failures.isEmpty() || !(value instanceof RollbackPlan)) {
        throw new PlanScriptException("script " + script + ": variable '" + last.name() + "' holds no plan"
            + (value == Void.class ? " (it is null)" : ""), failures);
      }
      return (RollbackPlan) value;
    } finally {
      HANDED_OVER.remove(token);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof EvalException) {
      String message = e.getMessage();
      return ((EvalException) e).getExceptionClassName() + (message == null ? "" : ": " + oneLine(message));
    }
    if (e instanceof UnresolvedReferenceException) {
      return "calls " + ((UnresolvedReferenceException) e).getSnippet().source().strip()
          + ", which refers to what is not defined";
    }
    return e.toString();
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
