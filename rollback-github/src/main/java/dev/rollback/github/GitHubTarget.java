package dev.rollback.github;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository on github.com or on GitHub Enterprise Server, as a value.
 *
 * <pre>{@code
 * GitHubTarget.of("acme/shop")                                          // github.com
 * GitHubTarget.of("acme/shop").baseUrl("https://ghe.example.com/api/v3")  // GitHub Enterprise Server
 * }</pre>
 */
public final class GitHubTarget {

  /** The REST API of github.com. */
  public static final String GITHUB_COM = "https://api.github.com";

  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final String owner;
  private final String name;
  private final String apiUrl;

  private GitHubTarget(String owner, String name, String apiUrl) {
    this.owner = owner;
    this.name = name;
    this.apiUrl = apiUrl;
  }

  /**
   * A repository on github.com.
   *
   * @param ownerAndName {@code owner/name}, such as {@code acme/shop}
   * @return the target
   * @throws IllegalArgumentException if the text is not a GitHub repository name
   * @throws NullPointerException if the text is null
   */
  public static GitHubTarget of(String ownerAndName) {
    Objects.requireNonNull(ownerAndName, "ownerAndName");
    String[] parts = ownerAndName.split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("a GitHub repository is named owner/name, was '" + ownerAndName + "'");
    }
    if (!OWNER.matcher(parts[0]).matches()) {
      throw new IllegalArgumentException("'" + parts[0] + "' in '" + ownerAndName + "' is not a GitHub owner: letters,"
          + " digits and single hyphens, at most 39, not starting with a hyphen");
    }
    if (!NAME.matcher(parts[1]).matches() || parts[1].equals(".") || parts[1].equals("..")) {
      throw new IllegalArgumentException("'" + parts[1] + "' in '" + ownerAndName + "' is not a GitHub repository"
          + " name: letters, digits, '.', '-' and '_', at most 100");
    }
    return new GitHubTarget(parts[0], parts[1], GITHUB_COM);
  }

  /**
   * The same repository on another GitHub: GitHub Enterprise Server ({@code https://host/api/v3}) or a test fake.
   *
   * @param url the REST API's base URL, http or https
   * @return the new target
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL without query or fragment
   */
  public GitHubTarget baseUrl(String url) {
    Objects.requireNonNull(url, "url");
    try {
      URI u = new URI(url);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null
          || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
        throw new IllegalArgumentException("a GitHub API base URL is an absolute http(s) URL without credentials, query"
            + " or fragment, such as https://ghe.example.com/api/v3; was '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason(), e);
    }
    return new GitHubTarget(owner, name, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /**
   * The owner, a user or organization.
   *
   * @return the owner
   */
  public String owner() {
    return owner;
  }

  /**
   * The repository's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * {@code owner/name}.
   *
   * @return the full name
   */
  public String fullName() {
    return owner + "/" + name;
  }

  /**
   * The REST API's base URL, without a trailing slash.
   *
   * @return the URL
   */
  public String apiUrl() {
    return apiUrl;
  }

  /**
   * Whether this is github.com rather than GitHub Enterprise Server or a fake.
   *
   * @return {@code true} for github.com
   */
  public boolean isGitHubCom() {
    return GITHUB_COM.equals(apiUrl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GitHubTarget && ((GitHubTarget) o).fullName().equals(fullName())
        && ((GitHubTarget) o).apiUrl.equals(apiUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, name, apiUrl);
  }

  @Override
  public String toString() {
    return fullName() + (isGitHubCom() ? "" : " at " + apiUrl);
  }
}
