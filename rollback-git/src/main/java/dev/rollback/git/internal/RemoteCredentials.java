package dev.rollback.git.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Config;

/**
 * Credentials written into the URLs of a repository's configuration ({@code remote.<name>.url} and
 * {@code pushurl}, {@code url.<base>.insteadOf} bases), such as {@code https://x-access-token:TOKEN@host/o/r.git}:
 * commands that print a remote's URL ({@code git remote -v}), and errors that name it, show them. The password part
 * is secret, as written and decoded; a user part alone is secret when it is a token (an HTTP(S) URL whose user is
 * {@value #TOKEN_LENGTH} characters or longer, or starts as GitHub's and GitLab's tokens do), since a plain user name
 * such as {@code git} would mask every occurrence of the word.
 */
public final class RemoteCredentials {

  /** How long a lone user part must be to be taken for a token. */
  static final int TOKEN_LENGTH = 20;

  private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@]*)@");
  private static final Pattern TOKEN_PREFIX = Pattern.compile("^(gh[pousr]_|github_pat_|glpat-).+");

  private RemoteCredentials() {}

  /**
   * The secret parts of every URL in a configuration (and the configurations it inherits from).
   *
   * @param config the repository's configuration
   * @return the secrets, each as written and, when it differs, decoded
   */
  public static Set<String> of(Config config) {
    List<String> urls = new ArrayList<>();
    for (String remote : config.getSubsections("remote")) {
      urls.addAll(List.of(config.getStringList("remote", remote, "url")));
      urls.addAll(List.of(config.getStringList("remote", remote, "pushurl")));
    }
    urls.addAll(config.getSubsections("url"));
    Set<String> out = new LinkedHashSet<>();
    for (String url : urls) {
      out.addAll(inUrl(url));
    }
    return out;
  }

  /**
   * The secret parts of one URL.
   *
   * @param url the URL
   * @return the secrets, each as written and, when it differs, decoded
   */
  static Set<String> inUrl(String url) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = USERINFO.matcher(url == null ? "" : url.trim());
    if (!m.find()) {
      return out;
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String info = m.group(2);
    int colon = info.indexOf(':');
    String secret;
    if (colon >= 0) {
      secret = info.substring(colon + 1);
    } else if ((scheme.equals("https") || scheme.equals("http"))
        && (info.length() >= TOKEN_LENGTH || TOKEN_PREFIX.matcher(info).matches())) {
      secret = info;
    } else {
      return out;
    }
    if (secret.isEmpty()) {
      return out;
    }
    out.add(secret);
    try {
      out.add(URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // Not valid percent-encoding: it is used as written.
    }
    return out;
  }
}
