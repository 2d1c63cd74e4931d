package dev.rollback.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the adapter reads of a workflow run.
 *
 * @param id the run's id
 * @param workflowId the workflow's id
 * @param path the workflow file's path, when GitHub sent it
 * @param name the workflow's name
 * @param title the display title, when GitHub sent it
 * @param branch the head branch
 * @param sha the head commit
 * @param event the triggering event
 * @param status the status
 * @param conclusion the conclusion, once completed
 * @param attempt the attempt, from 1
 * @param createdAt when the run was created
 * @param updatedAt when it last changed
 * @param startedAt when the latest attempt started, when GitHub sent it
 * @param htmlUrl the run's page
 */
public record RunInfo(long id, long workflowId, String path, String name, String title, String branch, String sha,
    String event, String status, String conclusion, int attempt, Instant createdAt, Instant updatedAt,
    Instant startedAt, String htmlUrl) {

  /** The statuses of a run that has not finished. */
  public static final java.util.Set<String> ACTIVE = java.util.Set.of("queued", "in_progress", "waiting", "requested",
      "pending", "action_required");

  /**
   * Reads a run from GitHub's JSON.
   *
   * @param j the JSON
   * @return the run
   */
  public static RunInfo of(JsonNode j) {
    return new RunInfo(j.path("id").asLong(), j.path("workflow_id").asLong(), text(j, "path"), text(j, "name"),
        text(j, "display_title"), text(j, "head_branch"), text(j, "head_sha"), text(j, "event"), text(j, "status"),
        text(j, "conclusion"), Math.max(1, j.path("run_attempt").asInt(1)), time(j, "created_at"),
        time(j, "updated_at"), time(j, "run_started_at"), text(j, "html_url"));
  }

  private static String text(JsonNode j, String f) {
    JsonNode v = j.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant time(JsonNode j, String f) {
    String t = text(j, f);
    return t == null ? null : java.time.OffsetDateTime.parse(t).toInstant();
  }

  /**
   * Whether the run has completed.
   *
   * @return {@code true} when completed
   */
  public boolean completed() {
    return "completed".equals(status);
  }

  /**
   * Whether the run has not finished: queued, in progress, waiting, requested or pending.
   *
   * @return {@code true} while active
   */
  public boolean active() {
    return !completed();
  }

  /**
   * How long the latest attempt ran: from {@code run_started_at} (or {@code created_at} when GitHub did not send it)
   * to {@code updated_at}, for a completed run.
   *
   * @return the duration, when completed
   */
  public Optional<Duration> duration() {
    if (!completed() || updatedAt == null) {
      return Optional.empty();
    }
    Instant start = startedAt != null ? startedAt : createdAt;
    if (start == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(start, updatedAt);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /**
   * The text of the run as the report shows it.
   *
   * @return plain data: id, status, conclusion, branch, commit, attempt, page
   */
  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("status", status == null ? "unknown" : status);
    m.put("conclusion", conclusion == null ? "none" : conclusion);
    m.put("branch", branch == null ? "" : branch);
    m.put("sha", sha == null ? "" : sha);
    m.put("attempt", attempt);
    if (htmlUrl != null) {
      m.put("url", htmlUrl);
    }
    return m;
  }

  @Override
  public String toString() {
    return "run " + id + " (" + status + (conclusion == null ? "" : "/" + conclusion) + ", " + branch + ")";
  }
}
