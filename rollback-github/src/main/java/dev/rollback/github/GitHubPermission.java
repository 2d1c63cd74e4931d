package dev.rollback.github;

import java.util.Locale;
import java.util.Optional;

/** A person's role on a GitHub repository, weakest first, as GitHub's {@code role_name} reports it. */
public enum GitHubPermission {
  /** Read and clone; comment on issues. */
  READ,
  /** Manage issues and pull requests without write access. */
  TRIAGE,
  /** Push to the repository. */
  WRITE,
  /** Manage the repository without access to sensitive or destructive actions. */
  MAINTAIN,
  /** Full access. */
  ADMIN;

  /**
   * GitHub's name of the role: {@code read}, {@code triage}, {@code write}, {@code maintain}, {@code admin}.
   *
   * @return the name
   */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role GitHub names; custom roles and {@code none} have none.
   *
   * @param roleName GitHub's {@code role_name}, or its older {@code permission}
   * @return the role, when it is one of GitHub's
   */
  public static Optional<GitHubPermission> of(String roleName) {
    if (roleName == null) {
      return Optional.empty();
    }
    for (GitHubPermission p : values()) {
      if (p.roleName().equalsIgnoreCase(roleName.trim())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this role includes another.
   *
   * @param required the role asked for
   * @return {@code true} when this role is at least as strong
   */
  public boolean includes(GitHubPermission required) {
    return compareTo(required) >= 0;
  }
}
