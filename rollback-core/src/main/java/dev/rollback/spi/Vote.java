package dev.rollback.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One person's answer to an approval request, recorded in the journal and the report.
 *
 * @param person who answered (a login, a name)
 * @param roles the roles the person holds, as the approver established them
 * @param approve {@code true} to approve, {@code false} to deny
 * @param at when
 * @param via how: {@code console}, {@code github-comment}, {@code automatic}, ...
 * @param comment what the person said, when anything
 */
public record Vote(String person, Set<String> roles, boolean approve, Instant at, String via,
    Optional<String> comment) {

  /**
   * Creates a vote.
   *
   * @param person who
   * @param roles roles held
   * @param approve approve or deny
   * @param at when
   * @param via how
   * @param comment what was said
   * @throws NullPointerException if an argument is null
   */
  public Vote {
    Objects.requireNonNull(person, "person");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(comment, "comment");
  }
}
