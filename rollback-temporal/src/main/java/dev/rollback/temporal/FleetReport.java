package dev.rollback.temporal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a fleet reports (its workflow's {@code report} query, and its result): its state, who approved, the
 * deadline, and one row per target. {@link #toMarkdown()} renders it with a Mermaid gantt of the targets on top.
 *
 * @param fleetId the fleet's id
 * @param planName the plan's name
 * @param state where the fleet stands
 * @param approvedBy who approved, empty when nobody has
 * @param startedAtMillis when it started (epoch milliseconds, workflow time)
 * @param endedAtMillis when it ended, 0 while it runs
 * @param deadlineAtMillis the deadline across the fleet
 * @param maxFailureShare the share of targets that may fail before the fleet stops
 * @param rows one row per target, in the fleet's order
 */
public record FleetReport(String fleetId, String planName, FleetState state, String approvedBy, long startedAtMillis,
    long endedAtMillis, long deadlineAtMillis, double maxFailureShare, List<TargetReport> rows) {

  /**
   * Checks and copies the fields.
   *
   * @param fleetId see the record
   * @param planName see the record
   * @param state see the record
   * @param approvedBy see the record
   * @param startedAtMillis see the record
   * @param endedAtMillis see the record
   * @param deadlineAtMillis see the record
   * @param maxFailureShare see the record
   * @param rows see the record
   */
  public FleetReport {
    Objects.requireNonNull(fleetId, "fleetId");
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(state, "state");
    approvedBy = approvedBy == null ? "" : approvedBy;
    rows = List.copyOf(rows);
  }

  /**
   * How many targets have an outcome.
   *
   * @param outcome the outcome
   * @return the count
   */
  public long count(TargetOutcome outcome) {
    return rows.stream().filter(r -> r.outcome() == outcome).count();
  }

  /**
   * How many targets failed (failed or compensated).
   *
   * @return the count
   */
  public long failed() {
    return rows.stream().filter(r -> r.outcome().failed()).count();
  }

  /**
   * The row of a target.
   *
   * @param target the target's name
   * @return the row
   * @throws IllegalArgumentException if the fleet has no such target
   */
  public TargetReport row(String target) {
    return rows.stream().filter(r -> r.target().equals(target)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("fleet " + fleetId + " has no target '" + target + "'"));
  }

  /**
   * The report as Markdown: a Mermaid gantt of the targets that ran, the fleet's state and counts, then one row per
   * target with its outcome, revert commit, evidence and duration. Text from outside (a remote's words) is escaped
   * so it cannot break the table or the chart.
   *
   * @return the Markdown
   */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Fleet ").append(cell(fleetId)).append(": ").append(cell(planName)).append("\n\n");
    List<TargetReport> ran = rows.stream().filter(r -> r.startedAtMillis() > 0).toList();
    if (!ran.isEmpty()) {
      b.append("```mermaid\ngantt\n  title Fleet ").append(chart(fleetId)).append("\n  dateFormat x\n")
          .append("  axisFormat %H:%M:%S\n  section Targets\n");
      long now = Math.max(endedAtMillis, ran.stream().mapToLong(r -> Math.max(r.startedAtMillis(),
          r.endedAtMillis())).max().orElse(startedAtMillis));
      for (TargetReport r : ran) {
        String tag = r.outcome().failed() ? "crit, " : r.outcome().finished() ? "done, " : "active, ";
        long end = r.endedAtMillis() > 0 ? r.endedAtMillis() : now;
        b.append("  ").append(chart(r.target())).append(" ").append(r.outcome()).append(" :").append(tag)
            .append(r.startedAtMillis()).append(", ").append(Math.max(end, r.startedAtMillis() + 1)).append('\n');
      }
      b.append("```\n\n");
    }
    b.append("- State: **").append(state).append("**\n");
    b.append("- Approved by: ").append(approvedBy.isEmpty() ? "nobody yet" : cell(approvedBy)).append('\n');
    b.append("- Started: ").append(Instant.ofEpochMilli(startedAtMillis)).append(endedAtMillis > 0 ? ", ended: "
        + Instant.ofEpochMilli(endedAtMillis) + " (" + seconds(endedAtMillis - startedAtMillis) + ")" : "")
        .append('\n');
    b.append("- Deadline: ").append(Instant.ofEpochMilli(deadlineAtMillis)).append(endedAtMillis > 0
        ? (endedAtMillis <= deadlineAtMillis && state != FleetState.DEADLINE_MISSED ? " (met)" : " (missed)") : "")
        .append('\n');
    b.append("- Targets: ").append(rows.size()).append(": ");
    StringBuilder counts = new StringBuilder();
    for (TargetOutcome o : TargetOutcome.values()) {
      long n = count(o);
      if (n > 0) {
        counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(o.name().toLowerCase(
            Locale.ROOT).replace('_', ' '));
      }
    }
    b.append(counts).append(String.format(Locale.ROOT, " (failures allowed: %.0f%% of the targets)%n%n",
        maxFailureShare * 100));
    b.append("| Target | Outcome | Revert commit | Evidence | Duration |\n|---|---|---|---|---|\n");
    for (TargetReport r : rows) {
      b.append("| ").append(cell(r.target())).append(" | ").append(r.outcome()).append(" | ")
          .append(r.revertCommit().isEmpty() ? "-" : "`" + cell(r.revertCommit()) + "`").append(" | ")
          .append(r.evidence().isEmpty() ? "-" : cell(r.evidence())).append(" | ")
          .append(r.durationMillis() > 0 ? seconds(r.durationMillis()) : "-").append(" |\n");
    }
    return b.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** Text for a table cell: one line, no pipe, no control character, no HTML. */
  static String cell(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        b.append(' ');
      } else if (Character.isISOControl(c)) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (c == '|' || c == '`' || c == '<' || c == '>' || c == '*' || c == '_' || c == '[' || c == ']') {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.toString().strip();
  }

  /** Text for a gantt line: Mermaid's separators (colon, comma, semicolon, hash) are dropped. */
  static String chart(String s) {
    return s.replaceAll("[^A-Za-z0-9._ -]", "_");
  }
}
