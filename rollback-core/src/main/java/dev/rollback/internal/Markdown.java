package dev.rollback.internal;

/**
 * Escaping for Markdown (CommonMark with GitHub's tables) and Mermaid labels, so that a name such as
 * {@code *P3-007* [draft]} or {@code <script>} prints as itself and never as formatting, a link or HTML.
 */
public final class Markdown {

  private Markdown() {}

  /**
   * Text for a paragraph, list item, heading or table cell: on one line, control characters shown as escapes,
   * every character that Markdown would read as formatting escaped with a backslash.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String text(String s) {
    String line = oneLine(s);
    StringBuilder b = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '|': case '~': case '$':
          b.append('\\').append(c);
          break;
        case '_':
          // Inside a word (ci_success_rate) an underscore cannot start or end emphasis.
          if (i > 0 && i < line.length() - 1 && Character.isLetterOrDigit(line.charAt(i - 1))
              && Character.isLetterOrDigit(line.charAt(i + 1))) {
            b.append(c);
          } else {
            b.append('\\').append(c);
          }
          break;
        case '&':
          // Only an entity such as &amp; or &#35; would be read as something else.
          b.append(startsEntity(line, i) ? "\\&" : "&");
          break;
        default:
          b.append(c);
      }
    }
    return escapeBlockStart(b.toString());
  }

  /**
   * An inline code span holding the text as it is: fenced with more backticks than any run inside it, on one
   * line.
   *
   * @param s the text
   * @return the code span, backticks included
   */
  public static String code(String s) {
    String line = oneLine(s);
    String fence = "`".repeat(longestRun(line, '`') + 1);
    boolean pad = line.startsWith("`") || line.endsWith("`")
        || (line.length() > 1 && line.startsWith(" ") && line.endsWith(" ") && !line.isBlank());
    return pad ? fence + " " + line + " " + fence : fence + line + fence;
  }

  /**
   * A code span inside a table cell, where a pipe must be escaped even in code.
   *
   * @param s the text
   * @return the code span, backticks included
   */
  public static String cellCode(String s) {
    return code(s).replace("|", "\\|");
  }

  /**
   * A fenced code block holding the text as it is, fenced with more backticks than any run inside it.
   *
   * @param info the info string, such as {@code markdown}
   * @param body the block's text
   * @return the block, ending with a newline
   */
  public static String fenced(String info, String body) {
    String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
    String text = body.endsWith("\n") ? body : body + "\n";
    return fence + info + "\n" + text + fence + "\n";
  }

  /**
   * Text for a quoted Mermaid flowchart label; see {@link MermaidText#flowchartLabel}.
   *
   * @param s the text
   * @return the label, without the surrounding quotes
   */
  public static String mermaidLabel(String s) {
    return MermaidText.flowchartLabel(s);
  }

  /**
   * The text on one line: line breaks become spaces, other control characters show as escapes.
   *
   * @param s the text
   * @return the line
   */
  public static String oneLine(String s) {
    return Texts.printable(s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
        : s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' '));
  }

  /** Escapes what would start a block (heading, quote, list item, thematic break) at the start of a line. */
  private static String escapeBlockStart(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char first = s.charAt(0);
    if (first == '#' || first == '>' || first == '-' || first == '+' || first == '=') {
      return "\\" + s;
    }
    int digits = 0;
    while (digits < s.length() && digits < 10 && Character.isDigit(s.charAt(digits)) && s.charAt(digits) < 128) {
      digits++;
    }
    if (digits > 0 && digits < s.length() && (s.charAt(digits) == '.' || s.charAt(digits) == ')')) {
      return s.substring(0, digits) + "\\" + s.substring(digits);
    }
    return s;
  }

  private static boolean startsEntity(String s, int amp) {
    int i = amp + 1;
    if (i < s.length() && s.charAt(i) == '#') {
      i++;
    }
    int start = i;
    while (i < s.length() && i - start <= 32 && Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    return i > start && i < s.length() && s.charAt(i) == ';';
  }

  private static int longestRun(String s, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
