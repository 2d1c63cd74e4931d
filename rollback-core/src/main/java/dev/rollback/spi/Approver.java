package dev.rollback.spi;

/**
 * Collects people's votes on a rollback: on the terminal, from issue comments, from an embedding tool's UI.
 *
 * <p>The executor asks before any irreversible step, with the policy to satisfy and the time left. An approver
 * returns the votes it gathered once the policy is met, someone eligible denies, or the request expires; the
 * executor then checks the votes against the policy itself (distinct people, roles held), so an approver cannot
 * grant more than the people did.
 */
public interface Approver {

  /**
   * Gathers votes for the request, blocking until the policy is met, an eligible person denies, or
   * {@link ApprovalRequest#expiresAt()} passes.
   *
   * @param request what is to be approved, under which policy, until when
   * @return the votes gathered, possibly none
   * @throws Exception when votes cannot be gathered; the executor treats it as no approval
   */
  java.util.List<Vote> requestApproval(ApprovalRequest request) throws Exception;
}
