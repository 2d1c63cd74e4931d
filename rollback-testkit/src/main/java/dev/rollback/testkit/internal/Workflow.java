package dev.rollback.testkit.internal;

import dev.rollback.testkit.RunScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** A workflow. */
public final class Workflow {
  /** {@code ${{ inputs.x }}} or {@code ${{ github.event.inputs.x }}} in a run-name expression. */
  private static final java.util.regex.Pattern INPUT =
      java.util.regex.Pattern.compile("\\$\\{\\{\\s*(?:github\\.event\\.)?inputs\\.([A-Za-z0-9_-]+)\\s*}}");

  private final Store store;
  final Repo repo;
  final long id;
  final String file;
  String name;
  final Instant createdAt;
  long nextRunNumber = 1;
  RunScript onDispatch = RunScript.succeedsAfter(Duration.ofMinutes(3)).queuedFor(Duration.ofSeconds(5));
  RunScript onRerun = RunScript.succeedsAfter(Duration.ofMinutes(3)).queuedFor(Duration.ofSeconds(5));
  String runName;
  List<String> inputs;
  Duration dispatchDelay = Duration.ZERO;
  Duration cancelDelay = Duration.ZERO;

  Workflow(Repo repo, long id, String file) {
    this.store = repo.store;
    this.repo = repo;
    this.id = id;
    this.file = file;
    this.name = file.replaceFirst("\\.ya?ml$", "").toUpperCase(java.util.Locale.ROOT);
    this.createdAt = store.now().minus(Duration.ofDays(90));
  }

  /**
   * The numeric id.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * The file name.
   *
   * @return the file name
   */
  public String file() {
    return file;
  }

  /**
   * The repository.
   *
   * @return the repository
   */
  public Repo repo() {
    return repo;
  }

  /**
   * Sets the name shown in the Actions tab.
   *
   * @param name the name
   */
  public void name(String name) {
    this.name = name;
  }

  /**
   * Sets how dispatched runs unfold.
   *
   * @param script the script
   */
  public void onDispatch(RunScript script) {
    this.onDispatch = script;
  }

  /**
   * Sets how re-run attempts unfold.
   *
   * @param script the script
   */
  public void onRerun(RunScript script) {
    this.onRerun = script;
  }

  /**
   * Sets the workflow's {@code run-name} expression, such as {@code "CI ${{ inputs.rollback_id }}"}.
   *
   * @param expression the expression
   */
  public void runName(String expression) {
    this.runName = expression;
  }

  /**
   * Declares the workflow's dispatch inputs; undeclared inputs are refused as GitHub does.
   *
   * @param names the input names
   */
  public void inputs(List<String> names) {
    this.inputs = List.copyOf(names);
  }

  /**
   * Sets how long after a dispatch its run is created.
   *
   * @param delay the delay
   */
  public void dispatchDelay(Duration delay) {
    this.dispatchDelay = delay;
  }

  /**
   * Sets how long a cancel takes to complete.
   *
   * @param delay the delay
   */
  public void cancelDelay(Duration delay) {
    this.cancelDelay = delay;
  }

  /**
   * How long after a dispatch its run is created.
   *
   * @return the delay
   */
  public Duration dispatchDelay() {
    return dispatchDelay;
  }

  /**
   * The declared inputs.
   *
   * @return the names, or null when every input is accepted
   */
  public List<String> declaredInputs() {
    return inputs;
  }

  /**
   * The script of dispatched runs.
   *
   * @return the script
   */
  public RunScript dispatchScript() {
    return onDispatch;
  }

  String displayTitle(Map<String, Object> inputs, String event) {
    if (runName != null) {
      java.util.regex.Matcher m = INPUT.matcher(runName);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        Object v = inputs.get(m.group(1));
        m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
      }
      m.appendTail(b);
      return b.toString();
    }
    return "workflow_dispatch".equals(event) ? name : "Commit on " + file;
  }
}
