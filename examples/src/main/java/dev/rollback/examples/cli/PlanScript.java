package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
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
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates a JShell script ({@code .jsh}) in this JVM and takes the {@link RollbackPlan} it defines: the last
 * variable of type {@code RollbackPlan} still defined when the script ends.
 *
 * <p>The script is read as the {@code jshell} tool reads it, line by line, a snippet ending where it is complete,
 * and runs with this JVM's class path, so {@code import static dev.rollback.Rollback.*;} works. It stops at the
 * first snippet that does not compile or throws; a {@code /exit} line ends it early. Other JShell commands are
 * refused. The script must be UTF-8; anything else is refused with the line and byte that are wrong.
 *
 * <p>A script only builds a plan, so it cannot end the JVM: a snippet that calls {@code System.exit},
 * {@code Runtime.exit} or {@code Runtime.halt} (directly or as a method reference) is refused before it runs, with
 * its line; an exit reached another way (reflection) while the script runs ends the launcher with status 2 and a
 * message naming the script, never with the script's status. Building the plan has a time limit
 * ({@link #DEFAULT_LIMIT} unless given): a script still running then (an endless loop) is stopped and refused.
 *
 * <pre>{@code
 * RollbackPlan plan = PlanScript.evaluate(Path.of("examples/jshell/p3-007.jsh"));
 * }</pre>
 */
public final class PlanScript {

  /** How long building a plan may take unless the caller says otherwise: one minute. */
  public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(1);
  /** The launcher's environment variable that sets the time limit, such as {@code 120s} or {@code 5m}. */
  public static final String LIMIT_VARIABLE = "ROLLBACK_PLAN_TIMEOUT";

  private static final Map<String, Object> HANDED_OVER = new ConcurrentHashMap<>();
  /** A JShell command such as {@code /exit} or {@code /open}, not a comment. */
  private static final Pattern JSHELL_COMMAND = Pattern.compile("/[A-Za-z!?0-9-]");
  /** Where in a snippet a call that ends the JVM is written. */
  private static final Pattern EXIT_CALL = Pattern.compile("\\b(exit|halt)\\b");

  private final Path script;
  private final JShell shell;
  private final Guard guard;
  private final List<String> failures = new ArrayList<>();

  private PlanScript(Path script, JShell shell, Guard guard) {
    this.script = script;
    this.shell = shell;
    this.guard = guard;
  }

  /**
   * Evaluates the script within {@link #DEFAULT_LIMIT} and returns its plan.
   *
   * @param script the {@code .jsh} file
   * @return the last plan the script defines
   * @throws PlanScriptException if the script cannot be read, is not UTF-8, does not compile, throws, calls
   *     {@code System.exit}, runs out of time, or defines no plan; the message holds JShell's diagnostics with line
   *     numbers
   */
  public static RollbackPlan evaluate(Path script) {
    return evaluate(script, DEFAULT_LIMIT);
  }

  /**
   * Evaluates the script and returns its plan, stopping it when building the plan takes longer than the limit.
   *
   * @param script the {@code .jsh} file
   * @param limit how long building the plan may take
   * @return the last plan the script defines
   * @throws PlanScriptException if the script cannot be read, is not UTF-8, does not compile, throws, calls
   *     {@code System.exit}, runs out of time, or defines no plan; the message holds JShell's diagnostics with line
   *     numbers
   * @throws IllegalArgumentException if the limit is not positive
   */
  public static RollbackPlan evaluate(Path script, Duration limit) {
    return evaluate(script, limit, Optional.empty());
  }

  /**
   * Evaluates the script, replaying its compiled form from the cache when a sound one is there, and keeping it there
   * after JShell compiled it ({@link PlanCache}).
   *
   * @param script the {@code .jsh} file
   * @param limit how long building the plan may take
   * @param cache the cache's directory; empty for none
   * @return the last plan the script defines
   */
  static RollbackPlan evaluate(Path script, Duration limit, Optional<Path> cache) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("the time limit must be positive, was " + limit);
    }
    String source = read(script);
    Guard guard = new Guard();
    AtomicReference<JShell> running = new AtomicReference<>();
    CompletableFuture<RollbackPlan> plan = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      String key = cache.isPresent() ? PlanCache.key(source) : null;
      Optional<PlanCache.Recording> compiled = cache.flatMap(dir -> PlanCache.read(dir, key));
      if (compiled.isPresent()) {
        try {
          guard.line = 0;
          plan.complete(PlanCache.replay(compiled.get()));
          return;
        } catch (PlanCache.ReplayFailed | RuntimeException e) {
          // Set aside: JShell evaluates the script as on a first run, so that its errors read the same.
        } catch (Throwable t) {
          plan.completeExceptionally(t);
          return;
        }
      }
      // JShell's own output streams go nowhere. With the local engine a script's System.out is this JVM's, which
      // the launcher points at standard error, so that a command's output stays clean.
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      try (JShell shell = JShell.builder().executionEngine(new GuardedEngine(guard), Map.of()).out(discard)
          .err(discard).build()) {
        running.set(shell);
        shell.addToClasspath(System.getProperty("java.class.path"));
        RollbackPlan built = new PlanScript(script, shell, guard).run(source);
        cache.ifPresent(dir -> PlanCache.write(dir, key, guard.recording));
        plan.complete(built);
      } catch (Throwable t) {
        plan.completeExceptionally(t);
      }
    }, "rollback-plan-script");
    worker.setDaemon(true);
    Thread exitGuard = new Thread(() -> guard.exiting(script), "rollback-plan-script-exit-guard");
    Runtime.getRuntime().addShutdownHook(exitGuard);
    try {
      worker.start();
      return plan.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      int line = guard.line;
      stop(guard, running, worker);
      throw new PlanScriptException("script " + script + " did not finish building its plan within "
          + shown(limit) + " (it was running the snippet at line " + line + "); is"
          + " there an endless loop? It was stopped, and nothing was done. If the script needs longer, raise the"
          + " limit: " + LIMIT_VARIABLE + "=" + Math.max(2 * limit.toSeconds(), 120) + "s", List.of());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new PlanScriptException("script " + script + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(guard, running, worker);
      throw new PlanScriptException("script " + script + " was interrupted while building its plan", e);
    } finally {
      guard.done = true;
      try {
        Runtime.getRuntime().removeShutdownHook(exitGuard);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting already; the guard knows the script is done.
      }
    }
  }

  /**
   * Stops the script: no snippet runs from now on, and the one running is stopped (again, for a while, since a
   * snippet still being compiled when first asked starts running only afterwards).
   */
  private static void stop(Guard guard, AtomicReference<JShell> running, Thread worker) {
    guard.stopped = true;
    for (int i = 0; i < 50 && worker.isAlive(); i++) {
      JShell shell = running.get();
      if (shell != null) {
        shell.stop();
      }
      try {
        worker.join(100);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A limit as people say it: {@code 60 seconds}, {@code 1.5 seconds}. */
  static String shown(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds")
        : d.toMillis() / 1000.0 + " seconds";
  }

  /** Reads the script as UTF-8, refusing anything else with the line and the byte that are wrong. */
  private static String read(Path script) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(script);
    } catch (IOException e) {
      throw new PlanScriptException("cannot read " + script + ": " + e, e);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int b = bytes[at] & 0xff;
      int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
      throw new PlanScriptException("script " + script + " is not UTF-8: line " + line + ", column " + column
          + " holds the byte 0x" + String.format(Locale.ROOT, "%02X", b) + ", which UTF-8 does not allow there"
          + (b >= 0xA0 ? " (in ISO-8859-1, Latin-1, it would be '" + (char) b + "')" : "") + ". Save the script"
          + " as UTF-8, for instance: iconv -f ISO-8859-1 -t UTF-8 " + script + " > converted.jsh", List.of());
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
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

  /** Takes what a script handed over with a token, if anything. */
  static Object handedOver(String token) {
    return HANDED_OVER.remove(token);
  }

  private RollbackPlan run(String source) {
    String[] lines = source.split("\r?\n", -1);
    StringBuilder buffer = new StringBuilder();
    int bufferLine = 1;
    for (int i = 0; i < lines.length && failures.isEmpty() && !guard.stopped; i++) {
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
    guard.line = line;
    List<SnippetEvent> events = shell.eval(snippet);
    String exit = guard.violation;
    if (exit != null) {
      failures.add("line " + exitLine(snippet, line) + ": calls " + exit + ", which would end the launcher with"
          + " nothing done; a plan script only builds a plan: remove the call (to end a script early, write /exit"
          + " on a line of its own)");
      return;
    }
    for (SnippetEvent event : events) {
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
    guard.recording.token = token;
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

  /** The line of a snippet where it calls exit or halt; the snippet's first line when that cannot be found. */
  private static int exitLine(String snippet, int line) {
    Matcher m = EXIT_CALL.matcher(snippet);
    return m.find() ? line + count(snippet.substring(0, m.start()), '\n') : line;
  }

  /**
   * What a script's evaluation shares with its engine and the JVM's shutdown: the line being run, the call that
   * would end the JVM when one was loaded, and whether the script is done.
   */
  private static final class Guard {
    volatile int line;
    volatile String violation;
    volatile boolean done;
    /** The time limit passed: nothing more runs. */
    volatile boolean stopped;
    /** What JShell compiled and ran, for the cache. */
    final PlanCache.Recording recording = new PlanCache.Recording();

    /** The JVM is shutting down: when the script is still running, it called exit; say so, and exit with 2. */
    void exiting(Path script) {
      if (done) {
        return;
      }
      System.err.println("rollback: script " + script + " ended the launcher while building its plan (the snippet"
          + " at line " + line + " called System.exit or Runtime.exit); nothing was done. A plan script only builds"
          + " a plan: remove the call (to end a script early, write /exit on a line of its own)");
      System.err.flush();
      Runtime.getRuntime().halt(RollbackCli.COULD_NOT_RUN);
    }
  }

  /** JShell's local execution engine, refusing to run snippets that call exit or halt. */
  private static final class GuardedEngine implements ExecutionControlProvider {
    private final Guard guard;

    GuardedEngine(Guard guard) {
      this.guard = guard;
    }

    @Override
    public String name() {
      return "rollback-guarded-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return new GuardedControl(guard);
    }
  }

  /** The local execution control, looking at each class before it is loaded. */
  private static final class GuardedControl extends LocalExecutionControl {
    private final Guard guard;

    GuardedControl(Guard guard) {
      this.guard = guard;
    }

    @Override
    public void load(ClassBytecodes[] cbcs)
        throws ClassInstallException, NotImplementedException, EngineTerminationException {
      look(cbcs);
      for (ClassBytecodes c : cbcs) {
        guard.recording.loaded(c.name(), c.bytecodes());
      }
      super.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
        throws ClassInstallException, NotImplementedException, EngineTerminationException {
      look(cbcs);
      guard.recording.redefined = true;
      super.redefine(cbcs);
    }

    private void look(ClassBytecodes[] cbcs) {
      for (ClassBytecodes c : cbcs) {
        ExitCalls.find(c.bytecodes()).ifPresent(call -> {
          if (guard.violation == null) {
            guard.violation = call;
          }
        });
      }
    }

    @Override
    public String invoke(String className, String methodName)
        throws RunException, EngineTerminationException, InternalException {
      String exit = guard.violation;
      if (exit != null) {
        throw new UserException("calls " + exit, "java.lang.SecurityException", new StackTraceElement[0]);
      }
      if (guard.stopped) {
        throw new StoppedException();
      }
      guard.recording.invoked(className, methodName);
      return super.invoke(className, methodName);
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
