package dev.rollback.testkit.internal;

import java.util.List;

/** GitHub's repository roles, weakest first. */
public final class Roles {

  /** The roles, weakest first. */
  public static final List<String> ORDER = List.of("none", "read", "triage", "write", "maintain", "admin");

  private Roles() {}

  /**
   * The rank of a role; unknown roles rank as {@code none}.
   *
   * @param role the role
   * @return its index in {@link #ORDER}
   */
  public static int rank(String role) {
    int i = ORDER.indexOf(role);
    return Math.max(i, 0);
  }
}
