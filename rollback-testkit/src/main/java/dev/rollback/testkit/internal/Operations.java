package dev.rollback.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the fake does for each GitHub operation it simulates, by OpenAPI operation id. Callers hold the store's lock.
 */
public final class Operations {

  /** Operations the fake knows by id but does not simulate; they answer 404 with a message saying so. */
  private static final List<String> NOT_SIMULATED = List.of("actions/list-jobs-for-workflow-run",
      "checks/list-for-ref");

  private final Store store;
  private final Payloads payloads;
  private final String base;
  private volatile boolean dispatchRunDetails = true;

  /**
   * Creates the operations.
   *
   * @param store the state
   * @param payloads the response builder
   * @param base the fake's base URL
   */
  public Operations(Store store, Payloads payloads, String base) {
    this.store = store;
    this.payloads = payloads;
    this.base = base;
  }

  /**
   * Whether a dispatch that asks for the run's details gets them (github.com today) or an empty 204 (GitHub
   * Enterprise Server, and github.com before 2025).
   *
   * @param on whether to return them
   */
  public void dispatchRunDetails(boolean on) {
    this.dispatchRunDetails = on;
  }

  /**
   * Answers a request.
   *
   * @param x the request
   * @return the reply
   */
  public Reply handle(Exchange x) {
    String op = x.match().map(PathTemplates.Match::operationId).orElse("");
    if (NOT_SIMULATED.contains(op)) {
      return Reply.generic(404, "FakeGitHub does not simulate " + op);
    }
    switch (op) {
      case "users/get-authenticated":
        return Reply.json(200, payloads.authenticatedUser(store.tokenUser(), store.userId(store.tokenUser())));
      case "rate-limit/get":
        return Reply.json(200, payloads.rateLimit(5000, 4999, store.now().plus(Duration.ofHours(1))));
      default:
        break;
    }
    Optional<Repo> found = store.findRepo(x.var("owner"), x.var("repo"));
    if (found.isEmpty()) {
      return Reply.generic(404, "Not Found");
    }
    Repo repo = found.get();
    switch (op) {
      case "repos/get":
        return Reply.json(200, payloads.fullRepo(repo, store));
      case "repos/get-branch":
        return repo.branchHead(x.var("branch"))
            .map(sha -> Reply.json(200, payloads.branch(repo, x.var("branch"), sha)))
            .orElseGet(() -> Reply.error(404, "Branch not found"));
      case "actions/list-repo-workflows":
        return page(x, new ArrayList<>(repo.workflows.values()), payloads::workflow, "workflows");
      case "actions/get-workflow":
        return repo.findWorkflow(x.var("workflow_id")).map(w -> Reply.json(200, payloads.workflow(w)))
            .orElseGet(() -> Reply.generic(404, "Not Found"));
      case "actions/list-workflow-runs": {
        Optional<Workflow> w = repo.findWorkflow(x.var("workflow_id"));
        if (w.isEmpty()) {
          return Reply.generic(404, "Not Found");
        }
        return runs(x, repo, r -> r.workflow == w.get());
      }
      case "actions/list-workflow-runs-for-repo":
        return runs(x, repo, r -> true);
      case "actions/get-workflow-run":
        return run(repo, x).map(r -> Reply.json(200, payloads.run(r, r.at(store.now()), store)))
            .orElseGet(() -> Reply.generic(404, "Not Found"));
      case "actions/get-workflow-run-usage":
        return run(repo, x).map(r -> {
          Store.Phase p = r.at(store.now());
          Instant end = p.status().equals("completed") ? p.updatedAt() : store.now();
          return Reply.json(200, payloads.usage(Duration.between(r.attemptStartedAt, end)));
        }).orElseGet(() -> Reply.generic(404, "Not Found"));
      case "actions/cancel-workflow-run":
      case "actions/force-cancel-workflow-run":
        return run(repo, x).map(r -> r.stop("cancelled", r.workflow.cancelDelay)
            ? Reply.json(202, Payloads.JSON.createObjectNode())
            : Reply.error(409, "Cannot cancel a workflow run that is completed."))
            .orElseGet(() -> Reply.generic(404, "Not Found"));
      case "actions/re-run-workflow":
      case "actions/re-run-workflow-failed-jobs":
        return run(repo, x).map(r -> {
          if (!r.at(store.now()).status().equals("completed")) {
            return Reply.generic(403, "This workflow run is not completed");
          }
          r.rerun(r.workflow.onRerun);
          return Reply.json(201, Payloads.JSON.createObjectNode());
        }).orElseGet(() -> Reply.generic(404, "Not Found"));
      case "actions/create-workflow-dispatch":
        return dispatch(x, repo);
      case "repos/get-collaborator-permission-level": {
        String login = x.var("username");
        String role = login.equalsIgnoreCase(repo.owner) ? "admin" : repo.role(login).orElse("none");
        String name = login.equalsIgnoreCase(repo.owner) ? role : repo.customRole(login).orElse(role);
        return Reply.json(200, payloads.permission(login, role, name, store));
      }
      case "issues/list-for-repo":
        return listIssues(x, repo);
      case "issues/create":
        return createIssue(x, repo);
      case "issues/get":
        return issue(repo, x).map(i -> Reply.json(200, payloads.issue(i, store)))
            .orElseGet(() -> Reply.error(404, "Not Found"));
      case "issues/list-comments":
        return issue(repo, x).map(i -> {
          Optional<Instant> since = x.param("since").map(Instant::parse);
          List<Store.Comment> cs = i.comments.stream()
              .filter(c -> since.map(s -> !c.createdAt().isBefore(s)).orElse(true)).collect(Collectors.toList());
          return pageList(x, cs, c -> payloads.comment(c, store));
        }).orElseGet(() -> Reply.error(404, "Not Found"));
      case "issues/create-comment":
        return issue(repo, x).map(i -> {
          JsonNode body = x.json().path("body");
          if (!body.isTextual() || body.asText().isEmpty()) {
            return Reply.validationFailed("IssueComment", "body is missing");
          }
          Store.Comment c = i.comment(store.tokenUser(), body.asText());
          return Reply.json(201, payloads.comment(c, store))
              .with("Location", base + "/repos/" + repo.fullName() + "/issues/comments/" + c.id());
        }).orElseGet(() -> Reply.error(404, "Not Found"));
      case "pulls/list":
        return listPulls(x, repo);
      case "pulls/create":
        return createPull(x, repo);
      default:
        return Reply.generic(404, "FakeGitHub does not simulate " + (op.isEmpty() ? x.method() + " " + x.path() : op));
    }
  }

  private Optional<Run> run(Repo repo, Exchange x) {
    try {
      return repo.findRun(Long.parseLong(x.var("run_id")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<Issue> issue(Repo repo, Exchange x) {
    try {
      return repo.findIssue(Integer.parseInt(x.var("issue_number")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Reply runs(Exchange x, Repo repo, Predicate<Run> scope) {
    Instant now = store.now();
    Predicate<Run> keep = scope;
    Map<String, List<String>> p = x.params();
    if (p.containsKey("actor")) {
      String actor = x.param("actor").get();
      keep = keep.and(r -> r.actor.equalsIgnoreCase(actor));
    }
    if (p.containsKey("branch")) {
      String branch = x.param("branch").get();
      keep = keep.and(r -> r.branch.equals(branch));
    }
    if (p.containsKey("event")) {
      String event = x.param("event").get();
      keep = keep.and(r -> r.event.equals(event));
    }
    if (p.containsKey("head_sha")) {
      String sha = x.param("head_sha").get();
      keep = keep.and(r -> r.sha.equals(sha));
    }
    if (p.containsKey("check_suite_id")) {
      long cs = Long.parseLong(x.param("check_suite_id").get());
      keep = keep.and(r -> r.id + 7 == cs);
    }
    if (p.containsKey("status")) {
      String s = x.param("status").get();
      boolean isStatus = List.of("queued", "in_progress", "completed", "requested", "waiting", "pending").contains(s);
      keep = keep.and(r -> {
        Store.Phase ph = r.at(now);
        return isStatus ? ph.status().equals(s) : s.equals(ph.conclusion());
      });
    }
    if (p.containsKey("created")) {
      Predicate<Instant> created = created(x.param("created").get());
      keep = keep.and(r -> created.test(r.createdAt));
    }
    List<Run> matching = repo.visibleRuns().stream().filter(keep)
        .sorted(Comparator.comparing((Run r) -> r.createdAt).thenComparingLong(r -> r.id).reversed())
        .collect(Collectors.toList());
    return page(x, matching, r -> payloads.run(r, r.at(now), store), "workflow_runs");
  }

  /** GitHub's search syntax for dates: {@code >=T}, {@code <T}, {@code A..B}, or a day. */
  static Predicate<Instant> created(String q) {
    if (q.contains("..")) {
      String[] parts = q.split("\\.\\.", 2);
      Predicate<Instant> from = parts[0].equals("*") ? t -> true : t -> !t.isBefore(start(parts[0]));
      Predicate<Instant> to = parts[1].equals("*") ? t -> true : t -> !t.isAfter(end(parts[1]));
      return from.and(to);
    }
    if (q.startsWith(">=")) {
      Instant s = start(q.substring(2));
      return t -> !t.isBefore(s);
    }
    if (q.startsWith("<=")) {
      Instant e = end(q.substring(2));
      return t -> !t.isAfter(e);
    }
    if (q.startsWith(">")) {
      Instant e = end(q.substring(1));
      return t -> t.isAfter(e);
    }
    if (q.startsWith("<")) {
      Instant s = start(q.substring(1));
      return t -> t.isBefore(s);
    }
    Instant s = start(q);
    Instant e = end(q);
    return t -> !t.isBefore(s) && !t.isAfter(e);
  }

  private static Instant start(String t) {
    return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : parseInstant(t);
  }

  private static Instant end(String t) {
    return t.length() == 10 ? LocalDate.parse(t).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
        : parseInstant(t);
  }

  private static Instant parseInstant(String t) {
    return java.time.OffsetDateTime.parse(t).toInstant();
  }

  private <T> Reply page(Exchange x, List<T> items, java.util.function.Function<T, JsonNode> render, String field) {
    int perPage = perPage(x);
    int page = Math.max(1, x.param("page").map(Integer::parseInt).orElse(1));
    ObjectNode body = Payloads.JSON.createObjectNode();
    body.put("total_count", items.size());
    ArrayNode arr = body.putArray(field);
    items.stream().skip((long) (page - 1) * perPage).limit(perPage).map(render).forEach(arr::add);
    return link(Reply.json(200, body), x, page, perPage, items.size());
  }

  private <T> Reply pageList(Exchange x, List<T> items, java.util.function.Function<T, JsonNode> render) {
    int perPage = perPage(x);
    int page = Math.max(1, x.param("page").map(Integer::parseInt).orElse(1));
    ArrayNode arr = Payloads.JSON.createArrayNode();
    items.stream().skip((long) (page - 1) * perPage).limit(perPage).map(render).forEach(arr::add);
    return link(Reply.json(200, arr), x, page, perPage, items.size());
  }

  private static int perPage(Exchange x) {
    return Math.max(1, Math.min(100, x.param("per_page").map(Integer::parseInt).orElse(30)));
  }

  private Reply link(Reply r, Exchange x, int page, int perPage, int total) {
    int last = Math.max(1, (total + perPage - 1) / perPage);
    if (last > 1) {
      List<String> rels = new ArrayList<>();
      if (page < last) {
        rels.add("<" + pageUrl(x, page + 1) + ">; rel=\"next\"");
        rels.add("<" + pageUrl(x, last) + ">; rel=\"last\"");
      }
      if (page > 1) {
        rels.add("<" + pageUrl(x, 1) + ">; rel=\"first\"");
        rels.add("<" + pageUrl(x, page - 1) + ">; rel=\"prev\"");
      }
      if (!rels.isEmpty()) {
        r.with("Link", String.join(", ", rels));
      }
    }
    return r;
  }

  private String pageUrl(Exchange x, int page) {
    String q = java.util.Arrays.stream(x.query().split("&")).filter(s -> !s.isEmpty() && !s.startsWith("page="))
        .collect(Collectors.joining("&"));
    return base + x.path() + "?" + (q.isEmpty() ? "" : q + "&") + "page=" + page;
  }

  private Reply dispatch(Exchange x, Repo repo) {
    Optional<Workflow> found = repo.findWorkflow(x.var("workflow_id"));
    if (found.isEmpty()) {
      return Reply.generic(404, "Not Found");
    }
    Workflow w = found.get();
    JsonNode body = x.json();
    String ref = body.path("ref").asText().replaceFirst("^refs/heads/", "");
    Optional<String> sha = repo.branchHead(ref);
    if (sha.isEmpty()) {
      return Reply.generic(422, "No ref found for: " + ref);
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    body.path("inputs").properties().forEach(e -> inputs.put(e.getKey(),
        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    if (w.declaredInputs() != null) {
      List<String> unexpected = inputs.keySet().stream().filter(k -> !w.declaredInputs().contains(k)).sorted()
          .collect(Collectors.toList());
      if (!unexpected.isEmpty()) {
        return Reply.generic(422, "Unexpected inputs provided: " + unexpected);
      }
    }
    Run run = repo.createRun(w, "workflow_dispatch", ref, sha.get(), store.now().plus(w.dispatchDelay()),
        w.dispatchScript(), store.tokenUser(), inputs, null);
    if (body.path("return_run_details").asBoolean(false) && dispatchRunDetails) {
      return Reply.json(200, payloads.dispatched(run));
    }
    return Reply.empty(204);
  }

  private Reply listIssues(Exchange x, Repo repo) {
    Predicate<Issue> keep = i -> true;
    String state = x.param("state").orElse("open");
    if (state.equals("closed")) {
      keep = i -> false;
    }
    if (x.param("creator").isPresent()) {
      String creator = x.param("creator").get();
      keep = keep.and(i -> i.author.equalsIgnoreCase(creator));
    }
    if (x.param("since").isPresent()) {
      Instant since = Instant.parse(x.param("since").get());
      keep = keep.and(i -> !i.updatedAt.isBefore(since));
    }
    if (x.param("labels").isPresent()) {
      List<String> labels = List.of(x.param("labels").get().split(","));
      keep = keep.and(i -> i.labels.containsAll(labels));
    }
    Comparator<Issue> order = x.param("sort").orElse("created").equals("updated")
        ? Comparator.comparing((Issue i) -> i.updatedAt) : Comparator.comparing((Issue i) -> i.createdAt);
    order = order.thenComparingInt(i -> i.number);
    if (!x.param("direction").orElse("desc").equals("asc")) {
      order = order.reversed();
    }
    List<Issue> items = repo.issues.values().stream().filter(keep).sorted(order).collect(Collectors.toList());
    return pageList(x, items, i -> payloads.issue(i, store));
  }

  private Reply createIssue(Exchange x, Repo repo) {
    JsonNode body = x.json();
    JsonNode title = body.path("title");
    if (title.isMissingNode() || title.isNull() || title.asText().isEmpty()) {
      return Reply.validationFailed("Issue", "title is missing");
    }
    List<String> labels = new ArrayList<>();
    body.path("labels").forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText()));
    Issue i = repo.openIssue(title.asText(), body.path("body").isTextual() ? body.path("body").asText() : null,
        store.tokenUser(), labels);
    return Reply.json(201, payloads.issue(i, store))
        .with("Location", base + "/repos/" + repo.fullName() + "/issues/" + i.number);
  }

  private Reply listPulls(Exchange x, Repo repo) {
    Predicate<Issue> keep = i -> i.pull != null;
    if (x.param("state").orElse("open").equals("closed")) {
      keep = i -> false;
    }
    if (x.param("head").isPresent()) {
      String head = x.param("head").get();
      String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
      String owner = head.contains(":") ? head.substring(0, head.indexOf(':')) : repo.owner;
      keep = keep.and(i -> owner.equalsIgnoreCase(repo.owner) && i.pull.head().equals(branch));
    }
    if (x.param("base").isPresent()) {
      String b = x.param("base").get();
      keep = keep.and(i -> i.pull.base().equals(b));
    }
    Comparator<Issue> order = Comparator.comparing((Issue i) -> i.createdAt)
        .thenComparingInt(i -> i.number);
    if (!x.param("direction").orElse("desc").equals("asc")) {
      order = order.reversed();
    }
    List<Issue> items = repo.issues.values().stream().filter(keep).sorted(order).collect(Collectors.toList());
    return pageList(x, items, i -> payloads.simplePull(i, store));
  }

  private Reply createPull(Exchange x, Repo repo) {
    JsonNode body = x.json();
    String head = body.path("head").asText();
    String headBranch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
    String baseBranch = body.path("base").asText();
    String title = body.path("title").asText("");
    if (title.isEmpty()) {
      return Reply.validationFailed("PullRequest", "title is missing");
    }
    if (repo.branchHead(headBranch).isEmpty()) {
      return Reply.validationFailed("PullRequest", "head '" + head + "' is not a branch");
    }
    if (repo.branchHead(baseBranch).isEmpty()) {
      return Reply.validationFailed("PullRequest", "base '" + baseBranch + "' is not a branch");
    }
    if (headBranch.equals(baseBranch)) {
      return Reply.validationFailed("PullRequest", "No commits between " + baseBranch + " and " + headBranch);
    }
    boolean exists = repo.issues.values().stream().anyMatch(i -> i.pull != null && i.pull.head().equals(headBranch)
        && i.pull.base().equals(baseBranch));
    if (exists) {
      return Reply.validationFailed("PullRequest", "A pull request already exists for " + repo.owner + ":" + headBranch
          + ".");
    }
    Issue i = repo.openPull(title, body.path("body").isTextual() ? body.path("body").asText() : null,
        store.tokenUser(), headBranch, baseBranch, body.path("draft").asBoolean(false));
    return Reply.json(201, payloads.pull(i, store))
        .with("Location", base + "/repos/" + repo.fullName() + "/pulls/" + i.number);
  }
}
