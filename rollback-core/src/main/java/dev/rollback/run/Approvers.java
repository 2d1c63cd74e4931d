package dev.rollback.run;

import dev.rollback.internal.ConsoleApprover;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Approver;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Built-in {@link Approver}s. The executor checks every vote against the policy itself, so none of these can grant
 * more than the people behind it did.
 *
 * <pre>{@code
 * Approvers.console()                                            // asks on the terminal (JShell, the launcher)
 * Approvers.automatic("ci-bot", "nightly drill")                 // approves at once, saying who and why
 * Approvers.callback(request -> myUi.collectVotes(request))      // an embedding tool's own UI
 * }</pre>
 */
public final class Approvers {

  private Approvers() {}

  /**
   * Approves every request at once as one person holding every role the policy names, and confirms every
   * confirmation, recorded with {@code via} {@code automatic} and the reason as the comment. For tests, drills
   * and the launcher's {@code --yes}. One person meets single and role policies, never a consensus of two or
   * more.
   *
   * @param person who approves, as recorded
   * @param reason why approving without asking is fine, as recorded
   * @return the approver
   * @throws NullPointerException if an argument is null
   */
  public static Approver automatic(String person, String reason) {
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(reason, "reason");
    return new Approver() {
      @Override
      public List<Vote> requestApproval(ApprovalRequest request) {
        return List.of(new Vote(person, Set.copyOf(request.policy().roles()), true, request.requestedAt(),
            "automatic", Optional.of(reason)));
      }

      @Override
      public Optional<Vote> confirm(ConfirmationRequest request) {
        return Optional.of(new Vote(person, Set.of(), true, request.requestedAt(), "automatic", Optional.of(reason)));
      }

      @Override
      public String toString() {
        return "Approvers.automatic(" + person + ")";
      }
    };
  }

  /**
   * Asks on the terminal: shows the request (what, why, which irreversible steps, until when), then asks each
   * person for their name, role and answer until the policy is met or someone denies; a blank name stops asking.
   * Confirmations are asked the same way.
   *
   * @return the approver, reading standard input and writing standard output
   */
  public static Approver console() {
    return console(System.in, System.out);
  }

  /**
   * Asks on other streams, as {@link #console()} does on the terminal: a launcher whose standard output carries
   * its result asks on standard error.
   *
   * @param in where answers come from
   * @param out where questions go
   * @return the approver
   * @throws NullPointerException if an argument is null
   */
  public static Approver console(InputStream in, PrintStream out) {
    return new ConsoleApprover(Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"),
        Clock.systemUTC());
  }

  /**
   * Hands each request to a function that returns the votes, for an embedding tool's own UI; confirmations go
   * unanswered.
   *
   * @param votes gathers the votes for a request
   * @return the approver
   * @throws NullPointerException if {@code votes} is null
   */
  public static Approver callback(Function<ApprovalRequest, List<Vote>> votes) {
    return callback(votes, request -> Optional.empty());
  }

  /**
   * Hands approval requests and confirmations to functions.
   *
   * @param votes gathers the votes for a request
   * @param confirmations answers a confirmation, or empty when nobody answered
   * @return the approver
   * @throws NullPointerException if an argument is null
   */
  public static Approver callback(Function<ApprovalRequest, List<Vote>> votes,
      Function<ConfirmationRequest, Optional<Vote>> confirmations) {
    Objects.requireNonNull(votes, "votes");
    Objects.requireNonNull(confirmations, "confirmations");
    return new Approver() {
      @Override
      public List<Vote> requestApproval(ApprovalRequest request) {
        return votes.apply(request);
      }

      @Override
      public Optional<Vote> confirm(ConfirmationRequest request) {
        return confirmations.apply(request);
      }
    };
  }
}
