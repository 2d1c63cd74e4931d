package dev.rollback.internal;

/**
 * Text inside the Mermaid diagrams the library writes (the runbook's flowchart, the incident report's gantt chart),
 * escaped so that a name from a plan or a run is drawn as itself and never read as Mermaid syntax.
 *
 * <p>Mermaid turns {@code #word;} and {@code #123;} into characters before it parses anything, so both rules below
 * write the characters they must hide as such entities, and Mermaid decodes them when it draws the text.
 */
public final class MermaidText {

  /** Characters a gantt line cannot hold as they are, written as {@code #<code point>;}. */
  private static final String GANTT_ENCODED = ":#;%\"<>&{}`\\";

  /** What a gantt text becomes when nothing printable is left of it. */
  public static final String UNNAMED = "(unnamed)";

  private MermaidText() {}

  /**
   * Text for a quoted flowchart label ({@code id["..."]}, {@code -->|"..."|}): on one line, with quotes, angle
   * brackets, pipes, hashes and backticks as Mermaid entities.
   *
   * @param s the text
   * @return the label, without the surrounding quotes
   */
  public static String flowchartLabel(String s) {
    String line = Markdown.oneLine(s);
    StringBuilder b = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '#':
          b.append("#35;");
          break;
        case '"':
          b.append("#quot;");
          break;
        case '<':
          b.append("#lt;");
          break;
        case '>':
          b.append("#gt;");
          break;
        case '|':
          b.append("#124;");
          break;
        case '`':
          b.append("#96;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Text for a gantt chart's title, section or task name, so that it parses as plain text whatever it holds:
   * <ul>
   *   <li>runs of white space and line breaks become one space, other control characters show as escapes
   *       ({@code \u005cu0007}), and the ends are trimmed; nothing left gives {@value #UNNAMED};
   *   <li>{@code : # ; % " < > & { } ` \} are written as entities ({@code :} ends a task's name, {@code #...;}
   *       would be read as an entity, {@code %} can start a comment, the rest are kept out of the drawn HTML);
   *   <li>the first character is always written as an entity, so that no keyword ({@code title}, {@code section},
   *       {@code click}, {@code dateFormat}, {@code excludes}, ...), date or comment can start the line, whatever
   *       keywords Mermaid adds later.
   * </ul>
   * Mermaid draws the result as the text it was given, after the first rule.
   *
   * @param s the text
   * @return the text to write into the chart
   */
  public static String ganttText(String s) {
    String line = ganttPlain(s);
    StringBuilder b = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      if (i == 0 || GANTT_ENCODED.indexOf(cp) >= 0) {
        b.append('#').append(cp).append(';');
      } else {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /**
   * What Mermaid draws for {@link #ganttText}: the text on one line, trimmed, with control characters as escapes.
   *
   * @param s the text
   * @return the text as drawn
   */
  public static String ganttPlain(String s) {
    if (s == null) {
      return UNNAMED;
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085') {
        space = true;
        continue;
      }
      if (space && b.length() > 0) {
        b.append(' ');
      }
      space = false;
      b.append(c);
    }
    String line = Texts.printable(b.toString());
    return line.isEmpty() ? UNNAMED : line;
  }
}
