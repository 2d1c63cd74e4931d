package dev.rollback.internal;

import dev.rollback.ApprovalPolicy;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Approver;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Asks people on the terminal. For an approval it shows the request, then asks for a name, a role (when the
 * policy names more than one) and an answer, person after person, until the policy's quorum of distinct people
 * approved, someone denied, or a blank name ends it. A confirmation asks one person for yes or no. When standard
 * input is at its end before the first answer (no terminal, input from {@code /dev/null}), it says so at once with
 * an {@link EndOfInputException} instead of leaving the request to expire.
 */
public final class ConsoleApprover implements Approver {

  /** Why nobody can answer when standard input has ended before the first answer. */
  static final String END_OF_INPUT = "nobody can answer: standard input is at its end (no terminal to ask on);"
      + " run it where someone can answer, or approve another way (the launcher's --yes approves as you)";

  /**
   * Standard input ended before anyone answered: nobody is there, so waiting until the request expires would
   * decide nothing. The message says so and what to do instead.
   */
  public static final class EndOfInputException extends java.io.EOFException {
    private static final long serialVersionUID = 1L;

    EndOfInputException(String message) {
      super(message);
    }
  }

  private final BufferedReader in;
  private final PrintStream out;
  private final Clock clock;

  /**
   * Creates the approver.
   *
   * @param in where answers come from
   * @param out where questions go
   * @param clock the clock of the votes' times
   */
  public ConsoleApprover(InputStream in, PrintStream out, Clock clock) {
    this.in = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized List<Vote> requestApproval(ApprovalRequest r) throws IOException {
    ApprovalPolicy policy = r.policy();
    out.println();
    out.println(Texts.terminalSafe("Approval needed for " + r.severity() + " of plan '" + r.planName() + "' (run "
        + r.runId() + ")"));
    out.println(Texts.terminalSafe("  policy:  " + policy.describe()));
    out.println(Texts.terminalSafe("  reason:  " + r.reason()));
    for (String s : r.irreversibleSteps()) {
      out.println(Texts.terminalSafe("  irreversible: " + s));
    }
    out.println("  answer before " + r.expiresAt());
    int quorum = policy.kind() == ApprovalPolicy.Kind.CONSENSUS ? policy.quorum() : 1;
    List<Vote> votes = new ArrayList<>();
    Set<String> people = new HashSet<>();
    while (people.size() < quorum) {
      String who = ask("Your name (blank to stop): ");
      if (who == null && votes.isEmpty()) {
        throw new EndOfInputException(END_OF_INPUT);
      }
      if (who == null || who.isBlank()) {
        break;
      }
      String role = policy.roles().size() == 1 ? policy.roles().get(0)
          : ask("Your role (" + String.join(", ", policy.roles()) + "): ");
      if (role == null) {
        break;
      }
      String answer = ask("Approve? [y/N]: ");
      boolean yes = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
      String comment = ask("Comment (optional): ");
      votes.add(new Vote(who.strip(), Set.of(role.strip()), yes, clock.instant(), "console",
          comment == null || comment.isBlank() ? Optional.empty() : Optional.of(comment.strip())));
      if (!yes) {
        break;
      }
      people.add(who.strip().toLowerCase(Locale.ROOT));
    }
    return votes;
  }

  @Override
  public synchronized Optional<Vote> confirm(ConfirmationRequest r) throws IOException {
    out.println();
    out.println(Texts.terminalSafe("Please confirm (" + r.kind().name().toLowerCase(Locale.ROOT) + ", plan '"
        + r.planName() + "'): " + r.text()));
    String answer = ask("Done? [y/N]: ");
    if (answer == null) {
      throw new EndOfInputException(END_OF_INPUT);
    }
    String who = ask("Your name [" + System.getProperty("user.name", "") + "]: ");
    String name = who == null || who.isBlank() ? System.getProperty("user.name", "unknown") : who.strip();
    return Optional.of(new Vote(name, Set.of(), answer.strip().toLowerCase(Locale.ROOT).startsWith("y"),
        clock.instant(), "console", Optional.empty()));
  }

  /**
   * Asks and waits for the answer. The line is read on a reader thread, so that the asking thread can be
   * interrupted (a step's timeout) without a read stuck in the terminal; a line typed after an interrupted
   * question answers the next one.
   */
  private String ask(String question) throws IOException {
    out.print(question);
    out.flush();
    if (pending == null) {
      pending = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CompletableFuture<String> line = pending;
      Thread reader = new Thread(() -> {
        try {
          line.complete(in.readLine());
        } catch (IOException | RuntimeException e) {
          line.completeExceptionally(e);
        }
      }, "rollback-console-reader");
      reader.setDaemon(true);
      reader.start();
    }
    try {
      String line = pending.get();
      pending = null;
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("no answer: the question was interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      pending = null;
      throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
    }
  }

  private java.util.concurrent.CompletableFuture<String> pending;
}
