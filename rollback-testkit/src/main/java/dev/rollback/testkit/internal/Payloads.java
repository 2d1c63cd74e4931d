package dev.rollback.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's response bodies, built from the examples in GitHub's own OpenAPI description with the fake's state
 * written over them, so every field GitHub's schema asks for is there and has GitHub's shape.
 */
public final class Payloads {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] EXAMPLE_REPOS = {"octocat/Hello-World", "octo-org/octo-repo", "octo-org/hello-world"};

  private final JsonNode examples;
  private final String base;
  private final Map<String, JsonNode> cache = new ConcurrentHashMap<>();

  /**
   * Creates the builder.
   *
   * @param description GitHub's OpenAPI description
   * @param base the fake's base URL, which replaces {@code https://api.github.com} and {@code https://github.com}
   */
  public Payloads(JsonNode description, String base) {
    this.examples = description.path("components").path("examples");
    this.base = base;
  }

  /** An example, with the example repositories' names and GitHub's hosts replaced by the fake's. */
  private ObjectNode example(String name, String fullName) {
    JsonNode cached = cache.computeIfAbsent(name + "|" + fullName, k -> {
      JsonNode value = examples.path(name).path("value");
      if (value.isMissingNode()) {
        throw new IllegalStateException("the GitHub description has no example '" + name + "'");
      }
      String text = value.toString();
      for (String r : EXAMPLE_REPOS) {
        text = text.replace("/" + r + "/", "/" + fullName + "/").replace("/" + r + "\"", "/" + fullName + "\"")
            .replace("\"" + r + "\"", "\"" + fullName + "\"");
      }
      text = text.replace("https://api.github.com", base).replace("https://github.com", base);
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    });
    return (ObjectNode) cached.deepCopy();
  }

  private ObjectNode firstItem(String name, String fullName) {
    return (ObjectNode) exampleArray(name, fullName).get(0);
  }

  private ArrayNode exampleArray(String name, String fullName) {
    JsonNode value = examples.path(name).path("value");
    if (!value.isArray()) {
      throw new IllegalStateException("the GitHub example '" + name + "' is not a list");
    }
    String text = value.toString();
    for (String r : EXAMPLE_REPOS) {
      text = text.replace(r, fullName);
    }
    text = text.replace("https://api.github.com", base).replace("https://github.com", base);
    try {
      return (ArrayNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A time as GitHub writes it.
   *
   * @param t the time
   * @return ISO-8601 to the second, UTC
   */
  public static String time(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * A simple user.
   *
   * @param login the login
   * @param id the id
   * @return the user
   */
  public ObjectNode user(String login, long id) {
    ObjectNode u = (ObjectNode) example("issue", "x/y").get("user").deepCopy();
    String text = u.toString().replace("octocat", login);
    try {
      u = (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    u.put("id", id);
    u.put("node_id", node("U", id));
    u.put("type", login.endsWith("[bot]") ? "Bot" : "User");
    return u;
  }

  private static String node(String prefix, long id) {
    return java.util.Base64.getEncoder()
        .encodeToString((prefix + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The minimal repository embedded in runs.
   *
   * @param repo the repository
   * @param store the store, for user ids
   * @return the repository
   */
  public ObjectNode minimalRepo(Repo repo, Store store) {
    ObjectNode r = (ObjectNode) example("workflow-run", repo.fullName()).get("repository").deepCopy();
    r.put("id", repo.id);
    r.put("node_id", node("R", repo.id));
    r.put("name", repo.name);
    r.put("full_name", repo.fullName());
    r.set("owner", user(repo.owner, store.userId(repo.owner)));
    r.put("html_url", base + "/" + repo.fullName());
    r.put("url", base + "/repos/" + repo.fullName());
    return r;
  }

  /**
   * A repository, as {@code GET /repos/{owner}/{repo}} answers.
   *
   * @param repo the repository
   * @param store the store
   * @return the repository
   */
  public ObjectNode fullRepo(Repo repo, Store store) {
    ObjectNode r = example("full-repository-default-response", repo.fullName());
    // The example's nested repositories carry fields the schema no longer allows; they are optional, so drop them.
    r.remove("parent");
    r.remove("source");
    r.remove("template_repository");
    if (!r.has("language")) {
      r.putNull("language");
    }
    r.put("id", repo.id);
    r.put("node_id", node("R", repo.id));
    r.put("name", repo.name);
    r.put("full_name", repo.fullName());
    r.set("owner", user(repo.owner, store.userId(repo.owner)));
    r.put("default_branch", repo.defaultBranch);
    r.put("html_url", base + "/" + repo.fullName());
    r.put("url", base + "/repos/" + repo.fullName());
    return r;
  }

  /**
   * A workflow.
   *
   * @param w the workflow
   * @return the workflow
   */
  public ObjectNode workflow(Workflow w) {
    ObjectNode o = example("workflow", w.repo.fullName());
    o.put("id", w.id);
    o.put("node_id", node("W", w.id));
    o.put("name", w.name);
    o.put("path", ".github/workflows/" + w.file);
    o.put("state", "active");
    o.put("created_at", time(w.createdAt));
    o.put("updated_at", time(w.createdAt));
    String api = base + "/repos/" + w.repo.fullName();
    o.put("url", api + "/actions/workflows/" + w.id);
    o.put("html_url", base + "/" + w.repo.fullName() + "/blob/" + w.repo.defaultBranch + "/.github/workflows/"
        + w.file);
    o.put("badge_url", base + "/" + w.repo.fullName() + "/workflows/" + w.name.replace(" ", "%20") + "/badge.svg");
    return o;
  }

  /**
   * A workflow run at a moment.
   *
   * @param run the run
   * @param phase its phase at that moment
   * @param store the store
   * @return the run
   */
  public ObjectNode run(Run run, Store.Phase phase, Store store) {
    Repo repo = run.repo;
    ObjectNode o = example("workflow-run", repo.fullName());
    String api = base + "/repos/" + repo.fullName();
    String runUrl = api + "/actions/runs/" + run.id;
    o.put("id", run.id);
    o.put("name", run.workflow.name);
    o.put("node_id", node("WFR", run.id));
    o.put("check_suite_id", run.id + 7);
    o.put("check_suite_node_id", node("CS", run.id + 7));
    o.put("head_branch", run.branch);
    o.put("head_sha", run.sha);
    o.put("path", ".github/workflows/" + run.workflow.file);
    o.put("run_number", run.runNumber);
    o.put("event", run.event);
    o.put("display_title", run.title);
    o.put("status", phase.status());
    if (phase.conclusion() == null) {
      o.putNull("conclusion");
    } else {
      o.put("conclusion", phase.conclusion());
    }
    o.put("workflow_id", run.workflow.id);
    o.put("url", runUrl);
    o.put("html_url", base + "/" + repo.fullName() + "/actions/runs/" + run.id);
    o.set("pull_requests", F.arrayNode());
    o.put("created_at", time(run.createdAt));
    o.put("updated_at", time(phase.updatedAt()));
    o.set("actor", user(run.actor, store.userId(run.actor)));
    o.set("triggering_actor", user(run.actor, store.userId(run.actor)));
    o.put("run_attempt", run.attempt);
    o.set("referenced_workflows", F.arrayNode());
    o.put("run_started_at", time(run.attemptStartedAt));
    o.put("jobs_url", runUrl + "/jobs");
    o.put("logs_url", runUrl + "/logs");
    o.put("check_suite_url", api + "/check-suites/" + (run.id + 7));
    o.put("artifacts_url", runUrl + "/artifacts");
    o.put("cancel_url", runUrl + "/cancel");
    o.put("rerun_url", runUrl + "/rerun");
    if (run.attempt > 1) {
      o.put("previous_attempt_url", runUrl + "/attempts/" + (run.attempt - 1));
    } else {
      o.putNull("previous_attempt_url");
    }
    o.put("workflow_url", api + "/actions/workflows/" + run.workflow.id);
    ObjectNode commit = (ObjectNode) o.get("head_commit");
    commit.put("id", run.sha);
    commit.put("tree_id", Store.sha("tree:" + run.sha));
    commit.put("message", run.title);
    commit.put("timestamp", time(run.createdAt));
    o.set("repository", minimalRepo(repo, store));
    o.set("head_repository", minimalRepo(repo, store));
    return o;
  }

  /**
   * The timing of a run.
   *
   * @param duration how long it has run
   * @return the usage
   */
  public ObjectNode usage(Duration duration) {
    ObjectNode o = example("workflow-run-usage", "x/y");
    o.put("run_duration_ms", duration.toMillis());
    return o;
  }

  /**
   * An issue or a pull request, as the issues API shows it.
   *
   * @param issue the issue
   * @param store the store
   * @return the issue
   */
  public ObjectNode issue(Issue issue, Store store) {
    String full = issue.repo.fullName();
    ObjectNode o = example("issue", full);
    String api = base + "/repos/" + full + "/issues/" + issue.number;
    o.put("id", issue.id);
    o.put("node_id", node("I", issue.id));
    o.put("url", api);
    o.put("repository_url", base + "/repos/" + full);
    o.put("labels_url", api + "/labels{/name}");
    o.put("comments_url", api + "/comments");
    o.put("events_url", api + "/events");
    o.put("html_url", base + "/" + full + (issue.pull == null ? "/issues/" : "/pull/") + issue.number);
    o.put("number", issue.number);
    o.put("state", "open");
    o.put("title", issue.title);
    if (issue.body == null) {
      o.putNull("body");
    } else {
      o.put("body", issue.body);
    }
    o.set("user", user(issue.author, store.userId(issue.author)));
    ArrayNode labels = F.arrayNode();
    JsonNode labelTemplate = o.path("labels").path(0);
    long n = 1;
    for (String l : issue.labels) {
      ObjectNode label = labelTemplate.isObject() ? (ObjectNode) labelTemplate.deepCopy() : F.objectNode();
      label.put("id", issue.id * 10 + n);
      label.put("node_id", node("L", issue.id * 10 + n++));
      label.put("name", l);
      label.put("url", base + "/repos/" + full + "/labels/" + l);
      label.put("default", false);
      labels.add(label);
    }
    o.set("labels", labels);
    o.putNull("assignee");
    o.set("assignees", F.arrayNode());
    o.putNull("milestone");
    o.put("locked", false);
    o.putNull("active_lock_reason");
    o.put("comments", issue.comments.size());
    if (issue.pull == null) {
      o.remove("pull_request");
    } else {
      ObjectNode pr = (ObjectNode) o.get("pull_request");
      String pulls = base + "/repos/" + full + "/pulls/" + issue.number;
      pr.put("url", pulls);
      pr.put("html_url", base + "/" + full + "/pull/" + issue.number);
      pr.put("diff_url", base + "/" + full + "/pull/" + issue.number + ".diff");
      pr.put("patch_url", base + "/" + full + "/pull/" + issue.number + ".patch");
      pr.putNull("merged_at");
    }
    o.putNull("closed_at");
    o.putNull("closed_by");
    o.putNull("state_reason");
    o.put("created_at", time(issue.createdAt));
    o.put("updated_at", time(issue.updatedAt));
    o.put("author_association", association(issue.repo, issue.author));
    return o;
  }

  private static String association(Repo repo, String login) {
    if (login.equalsIgnoreCase(repo.owner)) {
      return "OWNER";
    }
    return repo.role(login).isPresent() ? "COLLABORATOR" : "NONE";
  }

  /**
   * A comment.
   *
   * @param c the comment
   * @param store the store
   * @return the comment
   */
  public ObjectNode comment(Store.Comment c, Store store) {
    String full = c.issue().repo.fullName();
    ObjectNode o = example("issue-comment", full);
    o.put("id", c.id());
    o.put("node_id", node("IC", c.id()));
    o.put("url", base + "/repos/" + full + "/issues/comments/" + c.id());
    o.put("html_url", base + "/" + full + (c.issue().pull == null ? "/issues/" : "/pull/") + c.issue().number
        + "#issuecomment-" + c.id());
    o.put("body", c.body());
    o.set("user", user(c.author(), store.userId(c.author())));
    o.put("created_at", time(c.createdAt()));
    o.put("updated_at", time(c.createdAt()));
    o.put("issue_url", base + "/repos/" + full + "/issues/" + c.issue().number);
    o.put("author_association", association(c.issue().repo, c.author()));
    return o;
  }

  /**
   * A pull request, as creating one answers.
   *
   * @param issue the pull request's issue
   * @param store the store
   * @return the pull request
   */
  public ObjectNode pull(Issue issue, Store store) {
    ObjectNode o = example("pull-request", issue.repo.fullName());
    fillPull(o, issue, store);
    o.put("merged", false);
    o.put("mergeable_state", "unknown");
    o.putNull("mergeable");
    o.putNull("rebaseable");
    o.putNull("merged_by");
    o.put("comments", issue.comments.size());
    o.put("review_comments", 0);
    o.put("commits", 1);
    return o;
  }

  /**
   * A pull request, as listing them answers.
   *
   * @param issue the pull request's issue
   * @param store the store
   * @return the pull request
   */
  public ObjectNode simplePull(Issue issue, Store store) {
    ObjectNode o = firstItem("pull-request-simple-items", issue.repo.fullName());
    fillPull(o, issue, store);
    return o;
  }

  private void fillPull(ObjectNode o, Issue issue, Store store) {
    String full = issue.repo.fullName();
    String api = base + "/repos/" + full;
    o.put("url", api + "/pulls/" + issue.number);
    o.put("id", issue.id);
    o.put("node_id", node("PR", issue.id));
    o.put("html_url", base + "/" + full + "/pull/" + issue.number);
    o.put("diff_url", base + "/" + full + "/pull/" + issue.number + ".diff");
    o.put("patch_url", base + "/" + full + "/pull/" + issue.number + ".patch");
    o.put("issue_url", api + "/issues/" + issue.number);
    o.put("commits_url", api + "/pulls/" + issue.number + "/commits");
    o.put("review_comments_url", api + "/pulls/" + issue.number + "/comments");
    o.put("comments_url", api + "/issues/" + issue.number + "/comments");
    o.put("statuses_url", api + "/statuses/" + issue.pull.headSha());
    o.put("number", issue.number);
    o.put("state", "open");
    o.put("locked", false);
    o.put("title", issue.title);
    o.set("user", user(issue.author, store.userId(issue.author)));
    if (issue.body == null) {
      o.putNull("body");
    } else {
      o.put("body", issue.body);
    }
    o.set("labels", F.arrayNode());
    o.putNull("milestone");
    o.putNull("active_lock_reason");
    o.put("created_at", time(issue.createdAt));
    o.put("updated_at", time(issue.updatedAt));
    o.putNull("closed_at");
    o.putNull("merged_at");
    o.putNull("merge_commit_sha");
    o.putNull("assignee");
    o.set("assignees", F.arrayNode());
    o.set("requested_reviewers", F.arrayNode());
    o.set("requested_teams", F.arrayNode());
    o.set("head", ref(o.path("head"), issue, issue.pull.head(), issue.pull.headSha(), store));
    o.set("base", ref(o.path("base"), issue, issue.pull.base(), issue.pull.baseSha(), store));
    ObjectNode links = (ObjectNode) o.get("_links");
    links.set("self", F.objectNode().put("href", api + "/pulls/" + issue.number));
    links.set("html", F.objectNode().put("href", base + "/" + full + "/pull/" + issue.number));
    links.set("issue", F.objectNode().put("href", api + "/issues/" + issue.number));
    links.set("comments", F.objectNode().put("href", api + "/issues/" + issue.number + "/comments"));
    links.set("review_comments", F.objectNode().put("href", api + "/pulls/" + issue.number + "/comments"));
    links.set("review_comment", F.objectNode().put("href", api + "/pulls/comments{/number}"));
    links.set("commits", F.objectNode().put("href", api + "/pulls/" + issue.number + "/commits"));
    links.set("statuses", F.objectNode().put("href", api + "/statuses/" + issue.pull.headSha()));
    o.put("author_association", association(issue.repo, issue.author));
    o.putNull("auto_merge");
    o.put("draft", issue.pull.draft());
  }

  private ObjectNode ref(JsonNode template, Issue issue, String branch, String sha, Store store) {
    ObjectNode r = (ObjectNode) template.deepCopy();
    Repo repo = issue.repo;
    r.put("label", repo.owner + ":" + branch);
    r.put("ref", branch);
    r.put("sha", sha);
    r.set("user", user(repo.owner, store.userId(repo.owner)));
    ObjectNode full = fullRepo(repo, store);
    // The pull request's repositories use the plain repository schema, which allows fewer fields.
    for (String extra : new String[] {"network_count", "subscribers_count", "template_repository", "organization",
        "security_and_analysis", "parent", "source", "code_of_conduct", "license", "custom_properties"}) {
      full.remove(extra);
    }
    JsonNode original = template.path("repo");
    if (original.isObject()) {
      ObjectNode kept = F.objectNode();
      original.fieldNames().forEachRemaining(f -> {
        if (full.has(f)) {
          kept.set(f, full.get(f));
        } else {
          kept.set(f, original.get(f));
        }
      });
      for (String extra : new String[] {"network_count", "subscribers_count", "template_repository"}) {
        kept.remove(extra);
      }
      r.set("repo", kept);
    } else {
      r.set("repo", full);
    }
    return r;
  }

  /**
   * A collaborator's permission.
   *
   * @param login the login
   * @param role admin, maintain, write, triage, read or none: the role, or the base of a custom role
   * @param roleName the role's name: the role, or the custom role's name
   * @param store the store
   * @return the permission
   */
  public ObjectNode permission(String login, String role, String roleName, Store store) {
    ObjectNode o = example("repository-collaborator-permission-response-if-user-has-admin-permissions", "x/y");
    String legacy;
    switch (role) {
      case "admin":
        legacy = "admin";
        break;
      case "maintain":
      case "write":
        legacy = "write";
        break;
      case "triage":
      case "read":
        legacy = "read";
        break;
      default:
        legacy = "none";
    }
    o.put("permission", legacy);
    o.put("role_name", roleName);
    ObjectNode user = user(login, store.userId(login));
    user.put("role_name", roleName);
    ObjectNode perms = F.objectNode();
    int rank = Roles.rank(role);
    perms.put("pull", rank >= Roles.rank("read"));
    perms.put("triage", rank >= Roles.rank("triage"));
    perms.put("push", rank >= Roles.rank("write"));
    perms.put("maintain", rank >= Roles.rank("maintain"));
    perms.put("admin", rank >= Roles.rank("admin"));
    user.set("permissions", perms);
    o.set("user", user);
    return o;
  }

  /**
   * A branch.
   *
   * @param repo the repository
   * @param name the branch
   * @param sha its head
   * @return the branch
   */
  public ObjectNode branch(Repo repo, String name, String sha) {
    ObjectNode o = example("branch-get", repo.fullName());
    o.put("name", name);
    ObjectNode commit = (ObjectNode) o.get("commit");
    commit.put("sha", sha);
    commit.put("url", base + "/repos/" + repo.fullName() + "/commits/" + sha);
    commit.put("html_url", base + "/" + repo.fullName() + "/commit/" + sha);
    o.put("protected", false);
    return o;
  }

  /**
   * The authenticated user.
   *
   * @param login the login
   * @param id the id
   * @return the user
   */
  public ObjectNode authenticatedUser(String login, long id) {
    ObjectNode o = example("private-user-response-with-public-and-private-profile-information", "x/y");
    String text = o.toString().replace("\"octocat\"", "\"" + login + "\"").replace("/octocat", "/" + login);
    try {
      o = (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    o.put("id", id);
    o.put("node_id", node("U", id));
    return o;
  }

  /**
   * The rate-limit overview.
   *
   * @param limit the core limit
   * @param remaining what remains
   * @param reset when it resets
   * @return the overview
   */
  public ObjectNode rateLimit(int limit, int remaining, Instant reset) {
    ObjectNode o = example("rate-limit-overview", "x/y");
    ObjectNode core = F.objectNode().put("limit", limit).put("remaining", remaining)
        .put("reset", reset.getEpochSecond()).put("used", limit - remaining);
    ((ObjectNode) o.get("resources")).set("core", core);
    o.set("rate", core.deepCopy());
    return o;
  }

  /**
   * What a dispatch answers when asked for the run's details.
   *
   * @param run the run created
   * @return the details
   */
  public ObjectNode dispatched(Run run) {
    String full = run.repo.fullName();
    return F.objectNode().put("workflow_run_id", run.id)
        .put("run_url", base + "/repos/" + full + "/actions/runs/" + run.id)
        .put("html_url", base + "/" + full + "/actions/runs/" + run.id);
  }

  /**
   * GitHub's error body.
   *
   * @param message what went wrong
   * @param status the status
   * @return the body
   */
  public static ObjectNode error(String message, int status) {
    return F.objectNode().put("message", message).put("documentation_url", "https://docs.github.com/rest");
  }

  /**
   * GitHub's body for a request it understood but refuses (422 Validation Failed).
   *
   * @param resource what was refused, such as {@code PullRequest}
   * @param detail why
   * @return the body
   */
  public static ObjectNode validationFailed(String resource, String detail) {
    ObjectNode o = F.objectNode().put("message", "Validation Failed");
    o.putArray("errors").addObject().put("resource", resource).put("code", "custom").put("message", detail);
    return o.put("documentation_url", "https://docs.github.com/rest");
  }
}
