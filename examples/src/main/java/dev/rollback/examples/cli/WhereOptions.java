package dev.rollback.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that runs a plan takes ({@code preview}, {@code run}, {@code recover}, {@code resume}):
 * where the adapters, the journal and the channels are. A picocli mixin: a command adds them with
 * {@code @Mixin WhereOptions where;}.
 */
public final class WhereOptions {

  /** Creates the options, none given. */
  public WhereOptions() {}

  @Option(names = {"--repo", "--workspace"}, paramLabel = "DIR",
      description = "the Git repository and workspace the plan runs in (default: the current directory)")
  String repo = "";

  @Option(names = "--journal", paramLabel = "DIR", description = "where the run's journal is (default: <repo>/.rollback)")
  String journal;

  @Option(names = "--github", paramLabel = "OWNER/NAME",
      description = "the GitHub repository (default: GITHUB_REPOSITORY, else the origin remote); GITHUB_TOKEN gives"
          + " the token")
  String github;

  @Option(names = "--github-url", paramLabel = "URL",
      description = "the GitHub API's base URL: GitHub Enterprise Server, a simulated GitHub (default: GITHUB_API_URL,"
          + " else api.github.com)")
  String githubUrl;

  @Option(names = "--docker-host", paramLabel = "HOST",
      description = "the Docker engine, such as unix:///var/run/docker.sock (default: DOCKER_HOST, the docker context,"
          + " or the default socket)")
  String dockerHost;

  @Option(names = "--notify", paramLabel = "NAME=SPEC",
      description = "send the plan's channel NAME to files:DIR, log, webhook-env:VARIABLE, github-issue or"
          + " github-comment:N; repeatable")
  List<String> notify = new ArrayList<>();

  @Option(names = "--skip-unavailable", paramLabel = "ADAPTER",
      description = "report the parts of an adapter that is missing or down (git, github, docker) as skipped instead"
          + " of refusing the run; repeatable")
  List<String> skipUnavailable = new ArrayList<>();

  @Option(names = "--fetch",
      description = "fetch the remotes the plan pushes to when the run is assessed, so leases expect what they hold"
          + " then (otherwise what the clone last fetched)")
  boolean fetch;
}
