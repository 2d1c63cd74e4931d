package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitException;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubAdapterProvider;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.GitHubTarget;
import dev.rollback.run.Approvers;
import dev.rollback.run.Notifiers;
import dev.rollback.run.Progress;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The executor a command's arguments ask for, for one plan: only the adapters the plan uses, each configured from
 * the flags and the environment ({@link RollbackPlan#adapters()}), with a clear error naming the flag or variable when something is missing; the
 * channels of {@code --notify}; the journal; progress on standard error; approvals asked on the terminal, or
 * granted as the local user with {@code --yes}.
 *
 * <ul>
 *   <li>Git ({@code git.*}): the repository of {@code --repo} (the current directory unless given); with
 *       {@code --fetch} it fetches the remotes the plan pushes to when the run is assessed, so the pushes' leases
 *       expect what the remotes hold then rather than what the clone last fetched.</li>
 *   <li>GitHub ({@code github.*}, or a {@code github-issue}/{@code github-comment} channel): the repository of
 *       {@code --github owner/name}, else {@code GITHUB_REPOSITORY}, else the workspace's {@code origin} remote on
 *       github.com; the token of {@code GITHUB_TOKEN}; the API of {@code --github-url} (GitHub Enterprise Server, a
 *       simulated GitHub), else {@code GITHUB_API_URL}, else api.github.com.</li>
 *   <li>Docker ({@code docker.*}): the engine of {@code --docker-host}, else {@code DOCKER_HOST}, the docker context,
 *       or the default socket.</li>
 *   <li>Any other adapter: those found on the class path.</li>
 * </ul>
 *
 * <p>{@code --skip-unavailable NAME} lets a run go on without an adapter that is not configured or does not answer:
 * its parts are reported skipped, with the reason ({@link dev.rollback.run.RunOptions#withSkipUnavailable}).
 *
 * <p>Secrets: the executor shares the command's {@link SecretMask} (seeded with {@code GITHUB_TOKEN} and
 * {@code ROLLBACK_GIT_TOKEN} from the environment, which the plan's commands inherit), adds to it the channels'
 * secrets (a webhook's URL) and the credentials in the workspace's remote URLs, and every run adds what it learns;
 * the launcher masks its standard output and error with it.
 */
final class Launch {

  private static final Set<String> KNOWN = Set.of("core", "git", GitHubAdapter.NAME, DockerAdapter.NAME);

  /** The environment variables the launcher or its adapters read that hold secrets. */
  static final List<String> SECRET_VARIABLES = List.of("GITHUB_TOKEN", "ROLLBACK_GIT_TOKEN");

  /** The secrets of the command running on this thread (see {@link #withSecretMask}). */
  private static final ThreadLocal<SecretMask> MASK = new ThreadLocal<>();

  private Launch() {}

  /**
   * A mask of the secrets a command's environment holds: the values of {@link #SECRET_VARIABLES}. The executors the
   * command builds share it and add what they learn; the launcher's streams are masked with it.
   *
   * @param env the environment
   * @return the mask
   */
  static SecretMask secretMask(Map<String, String> env) {
    SecretMask mask = new SecretMask();
    for (String name : SECRET_VARIABLES) {
      String v = env.get(name);
      mask.add(v == null ? null : v.trim());
    }
    return mask;
  }

  /**
   * Runs a command with its mask, which {@link #executor} hands to the executors it builds (the verbs that build
   * them are made before the command's arguments are known, so the mask travels with the command instead).
   *
   * @param mask the command's mask
   * @param command the command
   * @return what the command returned
   */
  static int withSecretMask(SecretMask mask, java.util.function.IntSupplier command) {
    SecretMask before = MASK.get();
    MASK.set(mask);
    try {
      return command.getAsInt();
    } finally {
      if (before == null) {
        MASK.remove();
      } else {
        MASK.set(before);
      }
    }
  }

  /**
   * Builds the executor for a plan.
   *
   * @param a the arguments
   * @param plan the plan
   * @param skip the adapters the run may skip: {@code --skip-unavailable}'s, and a resumed run's
   * @param env the environment
   * @param err where progress and questions go
   * @return the executor
   * @throws UsageException naming the flag or variable that is missing or wrong
   */
  static RollbackExecutor executor(LaunchArgs a, RollbackPlan plan, Set<String> skip,
      Map<String, String> env, PrintStream err) {
    Set<String> uses = plan.adapters();
    for (String name : a.skipUnavailable()) {
      if (!KNOWN.contains(name) && !uses.contains(name)) {
        Set<String> names = new java.util.TreeSet<>(KNOWN);
        names.addAll(uses);
        throw new UsageException("--skip-unavailable " + name + " names no adapter; adapters are "
            + String.join(", ", names) + " (plan '" + plan.name() + "' uses " + String.join(", ",
            new java.util.TreeSet<>(uses)) + ")");
      }
    }
    Map<String, String[]> channels = channels(a, plan);
    SecretMask mask = Optional.ofNullable(MASK.get()).orElseGet(() -> secretMask(env));
    boolean githubChannel = channels.values().stream().anyMatch(s -> s[0].startsWith("github-"));
    RollbackExecutor.Builder b = RollbackExecutor.builder()
        .workspace(a.workspace())
        .journal(a.journal())
        .approver(a.yes() ? Approvers.automatic(System.getProperty("user.name", "unknown"), "--yes on the command"
            + " line") : Approvers.console(System.in, err))
        .listener(Progress.console(err))
        .secretMask(mask);
    if (!uses.contains("git") && Files.exists(a.workspace().resolve(".git"))) {
      // The plan's commands may print the workspace's remote URLs even when the plan does not use Git.
      try (GitAdapter workspace = GitAdapter.open(a.workspace())) {
        mask.addAll(workspace.secrets());
      } catch (RuntimeException e) {
        // Not a repository after all: it has no remote URLs to mask.
      }
    }
    if (uses.contains("git")) {
      // A work tree or a bare repository (which serves reads, tags and pushes; steps that need a work tree say so).
      try {
        GitAdapter git = GitAdapter.open(a.workspace());
        b.adapter(a.fetch() ? git.fetchingAtAssessment() : git);
      } catch (GitException e) {
        if (!skip.contains("git")) {
          throw new UsageException("plan '" + plan.name() + "' uses Git, but " + e.getMessage() + "; pass the"
              + " repository's root with --repo DIR");
        }
      }
    }
    Optional<GitHubAdapter> github = Optional.empty();
    if (uses.contains(GitHubAdapter.NAME) || githubChannel) {
      github = github(a, plan, env, skip.contains(GitHubAdapter.NAME) && !githubChannel);
      github.ifPresent(b::adapter);
    }
    if (uses.contains(DockerAdapter.NAME)) {
      try {
        Docker.Builder d = Docker.builder().environment(env);
        a.dockerHost().ifPresent(d::host);
        b.adapter(d.adapter());
      } catch (RuntimeException e) {
        if (!skip.contains(DockerAdapter.NAME)) {
          throw new UsageException("plan '" + plan.name() + "' uses Docker, but " + e.getMessage() + "; pass"
              + " --docker-host (or set DOCKER_HOST), or --skip-unavailable docker");
        }
      }
    }
    if (!KNOWN.containsAll(uses)) {
      b.discoverAdapters();
    }
    for (Map.Entry<String, String[]> c : channels.entrySet()) {
      Notifier n = notifier(c.getKey(), c.getValue(), a, github, env);
      mask.addAll(n.secrets());
      b.notifier(c.getKey(), n);
    }
    return b.build();
  }

  /** The GitHub adapter the flags and environment describe; empty when it may be skipped and is not configured. */
  private static Optional<GitHubAdapter> github(LaunchArgs a, RollbackPlan plan, Map<String, String> env,
      boolean skippable) {
    String token = env.getOrDefault("GITHUB_TOKEN", "").trim();
    Optional<String> repo = a.github().or(() -> Optional.ofNullable(env.get("GITHUB_REPOSITORY"))
        .filter(s -> !s.isBlank()));
    if (repo.isEmpty() && !token.isEmpty()) {
      try {
        repo = new GitHubAdapterProvider().create(a.workspace()).map(x -> ((GitHubAdapter) x).target().fullName());
      } catch (IOException | RuntimeException e) {
        repo = Optional.empty();
      }
    }
    String what = "plan '" + plan.name() + "' uses GitHub";
    if (repo.isEmpty()) {
      if (skippable) {
        return Optional.empty();
      }
      throw new UsageException(what + ", but no repository is known: pass --github owner/name (or set"
          + " GITHUB_REPOSITORY)");
    }
    if (token.isEmpty()) {
      if (skippable) {
        return Optional.empty();
      }
      throw new UsageException(what + " (" + repo.get() + "), but GITHUB_TOKEN is not set");
    }
    GitHubTarget target;
    try {
      target = GitHubTarget.of(repo.get().trim());
      Optional<String> url = a.githubUrl().or(() -> Optional.ofNullable(env.get("GITHUB_API_URL"))
          .filter(s -> !s.isBlank()));
      if (url.isPresent()) {
        target = target.baseUrl(url.get().trim());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--github/--github-url: " + e.getMessage());
    }
    return Optional.of(GitHubAdapter.builder(target).token(token).build());
  }

  /** The channels of {@code --notify NAME=SPEC}, each split into its kind and argument. */
  private static Map<String, String[]> channels(LaunchArgs a, RollbackPlan plan) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (String n : a.channels()) {
      int eq = n.indexOf('=');
      if (eq < 1) {
        throw new UsageException("--notify takes NAME=SPEC, such as chat=files:notifications, was '" + n + "'");
      }
      String name = n.substring(0, eq);
      String spec = n.substring(eq + 1);
      int colon = spec.indexOf(':');
      out.put(name, colon < 0 ? new String[] {spec, ""} : new String[] {spec.substring(0, colon),
          spec.substring(colon + 1)});
    }
    return out;
  }

  private static Notifier notifier(String name, String[] spec, LaunchArgs a, Optional<GitHubAdapter> github,
      Map<String, String> env) {
    String shown = "--notify " + name + "=" + spec[0] + (spec[1].isEmpty() ? "" : ":" + spec[1]);
    switch (spec[0]) {
      case "files":
        if (spec[1].isEmpty()) {
          throw new UsageException(shown + ": name the directory, files:DIR");
        }
        return Notifiers.markdownFiles(a.workspace().resolve(spec[1]).normalize());
      case "log":
        return Notifiers.log();
      case "webhook-env":
        String url = env.get(spec[1]);
        if (spec[1].isEmpty() || url == null || url.isBlank()) {
          throw new UsageException(shown + ": the environment variable " + (spec[1].isEmpty() ? "(none named)"
              : spec[1]) + " holding the webhook's URL is not set");
        }
        try {
          return Notifiers.webhook(url.trim());
        } catch (IllegalArgumentException e) {
          throw new UsageException(shown + ": " + e.getMessage());
        }
      case "github-issue":
        return GitHubNotifier.issuePerRun(github.orElseThrow(), "rollback");
      case "github-comment":
        try {
          return GitHubNotifier.commentOn(github.orElseThrow(), Integer.parseInt(spec[1]));
        } catch (IllegalArgumentException e) {
          throw new UsageException(shown + ": github-comment:N takes an issue or pull request number");
        }
      default:
        throw new UsageException(shown + ": unknown kind '" + spec[0] + "'; kinds are files:DIR, log,"
            + " webhook-env:VARIABLE, github-issue, github-comment:N");
    }
  }
}
