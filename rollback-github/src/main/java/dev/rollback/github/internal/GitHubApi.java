package dev.rollback.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubPermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST calls the adapter makes on one repository, each exactly one request (lists: one per page).
 */
public final class GitHubApi {

  /** The largest page GitHub serves. */
  public static final int MAX_PAGE = 100;

  private final Http http;
  private final String repo;

  /**
   * Creates the calls.
   *
   * @param http the request layer
   * @param owner the owner
   * @param name the repository
   */
  public GitHubApi(Http http, String owner, String name) {
    this.http = http;
    this.repo = "/repos/" + Http.segment(owner) + "/" + Http.segment(name);
  }

  /**
   * The repository's API path.
   *
   * @return {@code /repos/{owner}/{repo}}
   */
  public String repoPath() {
    return repo;
  }

  /**
   * The request layer.
   *
   * @return the layer
   */
  public Http http() {
    return http;
  }

  /**
   * A page of runs.
   *
   * @param total how many runs match in all
   * @param runs the page's runs, newest first
   */
  public record Page(int total, List<RunInfo> runs) {}

  /**
   * Lists runs, newest first: of a workflow ({@code GET .../actions/workflows/{workflow}/runs}) or of the repository
   * ({@code GET .../actions/runs}), filtered by GitHub.
   *
   * @param workflow the workflow's file name or id, or null for all
   * @param filters GitHub's filters: branch, event, status, created, head_sha
   * @param perPage the page size, 1 to 100
   * @param page the page, from 1
   * @param budget the operation's budget
   * @param conditional whether to ask with the last copy's ETag
   * @return the page
   */
  public Page runs(String workflow, Map<String, String> filters, int perPage, int page, Budget budget,
      boolean conditional) {
    String path = workflow == null ? repo + "/actions/runs"
        : repo + "/actions/workflows/" + Http.segment(workflow) + "/runs";
    Map<String, Object> q = new LinkedHashMap<>(filters);
    q.put("per_page", perPage);
    if (page > 1) {
      q.put("page", page);
    }
    Response r = http.get(path, q, budget, conditional)
        .require("list the runs of " + (workflow == null ? "the repository" : workflow));
    List<RunInfo> runs = new ArrayList<>();
    r.body().path("workflow_runs").forEach(j -> runs.add(RunInfo.of(j)));
    return new Page(r.body().path("total_count").asInt(runs.size()), runs);
  }

  /**
   * Reads a run.
   *
   * @param id the run's id
   * @param budget the operation's budget
   * @param conditional whether to ask with the last copy's ETag
   * @return the run
   */
  public RunInfo run(long id, Budget budget, boolean conditional) {
    return RunInfo.of(http.get(repo + "/actions/runs/" + id, Map.of(), budget, conditional)
        .require("read run " + id).body());
  }

  /** What a cancel did. */
  public enum Cancel {
    /** GitHub accepted the cancel. */
    CANCELLED,
    /** The run had finished before (409). */
    ALREADY_FINISHED
  }

  /**
   * Cancels a run: {@code POST .../actions/runs/{id}/cancel}.
   *
   * @param id the run's id
   * @param budget the operation's budget
   * @return whether it was cancelled or had finished
   */
  public Cancel cancel(long id, Budget budget) {
    Response r = http.post(repo + "/actions/runs/" + id + "/cancel", null, budget);
    if (r.status() == 409) {
      return Cancel.ALREADY_FINISHED;
    }
    r.require("cancel run " + id);
    return Cancel.CANCELLED;
  }

  /**
   * Re-runs a completed run: {@code POST .../actions/runs/{id}/rerun}. The run keeps its id; its attempt grows.
   *
   * @param id the run's id
   * @param budget the operation's budget
   */
  public void rerun(long id, Budget budget) {
    http.post(repo + "/actions/runs/" + id + "/rerun", null, budget).require("re-run run " + id);
  }

  /**
   * Dispatches a workflow: {@code POST .../actions/workflows/{workflow}/dispatches}.
   *
   * @param workflow the workflow's file name or id
   * @param ref the branch or tag
   * @param inputs the inputs
   * @param askForRun whether to ask GitHub for the created run's id ({@code return_run_details})
   * @param budget the operation's budget
   * @return the created run, when GitHub told it
   */
  public Optional<Dispatched> dispatch(String workflow, String ref, Map<String, Object> inputs, boolean askForRun,
      Budget budget) {
    ObjectNode body = Http.JSON.createObjectNode().put("ref", ref);
    if (!inputs.isEmpty()) {
      ObjectNode in = body.putObject("inputs");
      inputs.forEach((k, v) -> in.put(k, String.valueOf(v)));
    }
    if (askForRun) {
      body.put("return_run_details", true);
    }
    Response r = http.post(repo + "/actions/workflows/" + Http.segment(workflow) + "/dispatches", body, budget)
        .require("dispatch " + workflow + " on " + ref);
    if (r.status() == 200 && r.body() != null && r.body().has("workflow_run_id")) {
      return Optional.of(new Dispatched(r.body().path("workflow_run_id").asLong(),
          r.body().path("html_url").asText(null)));
    }
    return Optional.empty();
  }

  /**
   * The run a dispatch created, as GitHub told.
   *
   * @param runId the run's id
   * @param url its page, or null
   */
  public record Dispatched(long runId, String url) {}

  /**
   * A person's role on the repository, as GitHub reports it.
   *
   * @param name GitHub's {@code role_name}: {@code admin}, {@code maintain}, {@code write}, {@code triage},
   *     {@code read}, {@code none}, or the name of a custom repository role
   * @param permission GitHub's older {@code permission}: {@code admin}, {@code write}, {@code read} or {@code none};
   *     for a custom role, its base role's
   */
  public record Role(String name, String permission) {

    /**
     * The role that counts: the role named, when it is one of GitHub's; for a custom role, its base
     * {@code permission}, the access GitHub itself grants.
     *
     * @return the role, or empty for none
     */
    public Optional<GitHubPermission> effective() {
      Optional<GitHubPermission> named = GitHubPermission.of(name);
      return named.isPresent() || !isCustom() ? named : GitHubPermission.of(permission);
    }

    /**
     * Whether it is a custom repository role (not one of GitHub's).
     *
     * @return {@code true} for a custom role
     */
    public boolean isCustom() {
      return GitHubPermission.of(name).isEmpty() && !name.equals("none") && !name.isEmpty();
    }

    /**
     * The role in words, for messages: {@code 'write'}, or {@code 'release-captain' (a custom role, base permission
     * 'write')}.
     *
     * @return the text
     */
    public String describe() {
      return "'" + name + "'" + (isCustom() ? " (a custom role, base permission '" + permission + "')" : "");
    }
  }

  /**
   * A person's role on the repository: {@code role_name} (which tells {@code maintain} from {@code write}, and names
   * a custom role) with the older {@code permission} (a custom role's base).
   *
   * @param login the login
   * @param budget the operation's budget
   * @return the role; {@code none} for someone who is not a collaborator
   */
  public Role role(String login, Budget budget) {
    Response r = http.get(repo + "/collaborators/" + Http.segment(login) + "/permission", Map.of(), budget, false);
    if (r.status() == 404) {
      return new Role("none", "none");
    }
    JsonNode body = r.require("read the permission of " + login).body();
    String permission = body.path("permission").asText("none");
    String role = body.path("role_name").asText("");
    return new Role(role.isEmpty() ? permission : role, permission);
  }

  /**
   * An issue or pull request the adapter created or found.
   *
   * @param number its number
   * @param url its page
   * @param body its body
   * @param author who opened it
   */
  public record IssueRef(int number, String url, String body, String author) {
    static IssueRef of(JsonNode i) {
      return new IssueRef(i.path("number").asInt(), i.path("html_url").asText(), i.path("body").asText(""),
          i.path("user").path("login").asText(""));
    }
  }

  /**
   * Opens an issue.
   *
   * @param title the title
   * @param body the body
   * @param labels the labels
   * @param budget the operation's budget
   * @return the issue
   */
  public IssueRef openIssue(String title, String body, List<String> labels, Budget budget) {
    ObjectNode b = Http.JSON.createObjectNode().put("title", title).put("body", body);
    if (!labels.isEmpty()) {
      labels.forEach(b.putArray("labels")::add);
    }
    return IssueRef.of(http.post(repo + "/issues", b, budget).require("open an issue").body());
  }

  /**
   * The issues (and pull requests) updated since a time, newest first, all pages.
   *
   * @param since the time
   * @param budget the operation's budget
   * @return the issues
   */
  public List<IssueRef> issuesSince(Instant since, Budget budget) {
    List<IssueRef> out = new ArrayList<>();
    for (int page = 1; page <= 10; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("state", "all");
      q.put("since", since.toString());
      q.put("per_page", MAX_PAGE);
      if (page > 1) {
        q.put("page", page);
      }
      JsonNode j = http.get(repo + "/issues", q, budget, false).require("list issues").body();
      j.forEach(i -> out.add(IssueRef.of(i)));
      if (j.size() < MAX_PAGE) {
        break;
      }
    }
    return out;
  }

  /**
   * A comment.
   *
   * @param id its id
   * @param author who wrote it
   * @param body what it says
   * @param createdAt when
   * @param url its page
   */
  public record Comment(long id, String author, String body, Instant createdAt, String url) {}

  /**
   * Comments on an issue or pull request: {@code POST .../issues/{number}/comments}.
   *
   * @param issue the number
   * @param body the text
   * @param budget the operation's budget
   * @return the comment
   */
  public Comment comment(int issue, String body, Budget budget) {
    JsonNode j = http.post(repo + "/issues/" + issue + "/comments", Http.JSON.createObjectNode().put("body", body),
        budget).require("comment on #" + issue).body();
    return comment(j);
  }

  private static Comment comment(JsonNode j) {
    return new Comment(j.path("id").asLong(), j.path("user").path("login").asText(), j.path("body").asText(""),
        java.time.OffsetDateTime.parse(j.path("created_at").asText()).toInstant(), j.path("html_url").asText());
  }

  /**
   * The comments on an issue or pull request since a time, oldest first, all pages. The first page is asked for
   * conditionally, so polling an unchanged issue costs a 304.
   *
   * @param issue the number
   * @param since the time, or null for all
   * @param budget the operation's budget
   * @return the comments
   */
  public List<Comment> comments(int issue, Instant since, Budget budget) {
    List<Comment> out = new ArrayList<>();
    for (int page = 1; page <= 20; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (since != null) {
        q.put("since", since.toString());
      }
      q.put("per_page", MAX_PAGE);
      if (page > 1) {
        q.put("page", page);
      }
      Response r = http.get(repo + "/issues/" + issue + "/comments", q, budget, page == 1);
      if (r.status() == 404) {
        throw new GitHubException(404, "issue #" + issue + " does not exist in " + repo.substring(7));
      }
      JsonNode j = r.require("read the comments on #" + issue).body();
      j.forEach(c -> out.add(comment(c)));
      if (j.size() < MAX_PAGE) {
        break;
      }
    }
    return out;
  }

  /**
   * A pull request.
   *
   * @param number its number
   * @param url its page
   */
  public record PullRef(int number, String url) {}

  /**
   * Opens a pull request.
   *
   * @param head the branch proposed
   * @param base the branch targeted
   * @param title the title
   * @param body the body
   * @param draft whether it is a draft
   * @param budget the operation's budget
   * @return the pull request
   */
  public PullRef openPull(String head, String base, String title, String body, boolean draft, Budget budget) {
    ObjectNode b = Http.JSON.createObjectNode().put("title", title).put("head", head).put("base", base)
        .put("body", body).put("draft", draft);
    JsonNode j = http.post(repo + "/pulls", b, budget).require("open a pull request from " + head + " to " + base)
        .body();
    return new PullRef(j.path("number").asInt(), j.path("html_url").asText());
  }

  /**
   * The open pull requests from a branch to a branch.
   *
   * @param owner the head branch's owner
   * @param head the head branch
   * @param base the base branch
   * @param budget the operation's budget
   * @return the pull request, when there is one
   */
  public Optional<PullRef> openPull(String owner, String head, String base, Budget budget) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("state", "open");
    q.put("head", owner + ":" + head);
    q.put("base", base);
    JsonNode j = http.get(repo + "/pulls", q, budget, false).require("list pull requests").body();
    return j.size() == 0 ? Optional.empty()
        : Optional.of(new PullRef(j.get(0).path("number").asInt(), j.get(0).path("html_url").asText()));
  }

  /**
   * The repository, to check that it exists and the credentials can read it.
   *
   * @param budget the operation's budget
   * @return the repository's JSON
   */
  public JsonNode repository(Budget budget) {
    return http.get(repo, Map.of(), budget, false).require("read the repository " + repo.substring(7)).body();
  }
}
