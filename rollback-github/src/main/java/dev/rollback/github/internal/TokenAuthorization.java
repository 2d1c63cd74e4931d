package dev.rollback.github.internal;

import org.kohsuke.github.authorization.AuthorizationProvider;

/** A personal access token or Actions token as github-api credentials; never shown. */
public final class TokenAuthorization implements AuthorizationProvider {

  private final String header;

  /**
   * Creates the credentials.
   *
   * @param token the token
   */
  public TokenAuthorization(String token) {
    this.header = "Bearer " + token;
  }

  @Override
  public String getEncodedAuthorization() {
    return header;
  }

  @Override
  public String toString() {
    return "TokenAuthorization[****]";
  }
}
