package dev.rollback.docker;

import dev.rollback.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference in a plan, such as {@code app:v2}, {@code registry.example.com:5000/team/app:1.4} or an image
 * id ({@code sha256:...}). {@code plan.check()} validates it as Docker does: lower-case path components,
 * a tag of at most 128 word characters, dots and dashes, an optional digest.
 *
 * @param reference the reference as text
 */
public record ImageRef(String reference) implements Arg {

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
  private static final Pattern NAME = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern ID = Pattern.compile("(?:sha256:)?[0-9a-f]{12,64}");

  /**
   * Creates an image reference; {@link #problems()} says whether it is valid.
   *
   * @param reference the reference as text
   * @throws NullPointerException if {@code reference} is null
   */
  public ImageRef {
    Objects.requireNonNull(reference, "reference");
  }

  /**
   * An image reference.
   *
   * @param reference such as {@code app:v2}
   * @return the argument
   */
  public static ImageRef of(String reference) {
    return new ImageRef(reference);
  }

  @Override
  public String type() {
    return "image";
  }

  @Override
  public String text() {
    return reference;
  }

  @Override
  public List<String> problems() {
    return problems(reference);
  }

  /**
   * What is wrong with an image reference, as Docker would say it.
   *
   * @param reference the reference
   * @return problems, each naming the value; empty when valid
   */
  public static List<String> problems(String reference) {
    List<String> out = new ArrayList<>();
    if (reference.isEmpty()) {
      out.add("the image reference is empty");
      return out;
    }
    if (ID.matcher(reference).matches() && reference.startsWith("sha256:")) {
      return out;
    }
    String rest = reference;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digest = rest.substring(at + 1);
      if (!DIGEST.matcher(digest).matches()) {
        out.add("image reference '" + reference + "' has an invalid digest '" + digest + "'");
      }
      rest = rest.substring(0, at);
    }
    String name = rest;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String tag = rest.substring(colon + 1);
      name = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        out.add("image reference '" + reference + "' has an invalid tag '" + tag
            + "': use at most 128 letters, digits, underscores, dots and dashes, not starting with a dot or dash");
      }
    }
    if (name.length() > 255) {
      out.add("image reference '" + reference + "' has a name longer than 255 characters");
    } else if (!NAME.matcher(name).matches()) {
      out.add("image reference '" + reference + "' has an invalid name '" + name
          + "': use lower-case letters, digits and separators (., _, __, -), components separated by /");
    }
    return out;
  }

  /**
   * Whether the reference is an image id rather than a name.
   *
   * @return {@code true} for {@code sha256:...}
   */
  public boolean isId() {
    return reference.startsWith("sha256:") && ID.matcher(reference).matches();
  }

  @Override
  public String toString() {
    return reference;
  }
}
