package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Markdown}: text that prints as itself in Markdown and Mermaid. */
class MarkdownTest {

  @Test
  void formattingCharactersAreEscaped() {
    assertThat(Markdown.text("*a* [b](c) <d> `e` | ~f~ $g$ \\h")).isEqualTo(
        "\\*a\\* \\[b\\](c) \\<d> \\`e\\` \\| \\~f\\~ \\$g\\$ \\\\h");
  }

  @Test
  void underscoresInsideWordsStayAsTheyAre() {
    assertThat(Markdown.text("ci_success_rate _x_ a_")).isEqualTo("ci_success_rate \\_x\\_ a\\_");
  }

  @Test
  void onlyEntitiesAreEscapedAmongAmpersands() {
    assertThat(Markdown.text("Q&A &amp; &#35; & x")).isEqualTo("Q&A \\&amp; \\&#35; & x");
  }

  @Test
  void whatWouldStartABlockIsEscaped() {
    assertThat(Markdown.text("# h")).isEqualTo("\\# h");
    assertThat(Markdown.text("> q")).isEqualTo("\\> q");
    assertThat(Markdown.text("- l")).isEqualTo("\\- l");
    assertThat(Markdown.text("12. n")).isEqualTo("12\\. n");
    assertThat(Markdown.text("3) n")).isEqualTo("3\\) n");
    assertThat(Markdown.text("P3-007 > 50%")).isEqualTo("P3-007 > 50%");
  }

  @Test
  void lineBreaksBecomeSpaces() {
    assertThat(Markdown.text("a\r\nb\nc\rd")).isEqualTo("a b c d");
  }

  @Test
  void codeSpansAreFencedWithMoreBackticksThanTheyHold() {
    assertThat(Markdown.code("make")).isEqualTo("`make`");
    assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
    assertThat(Markdown.code("`a``")).isEqualTo("``` `a`` ```");
    assertThat(Markdown.code(" a ")).isEqualTo("`  a  `");
    assertThat(Markdown.cellCode("a | b")).isEqualTo("`a \\| b`");
  }

  @Test
  void fencedBlocksOutgrowTheFencesInside() {
    assertThat(Markdown.fenced("markdown", "x")).isEqualTo("```markdown\nx\n```\n");
    assertThat(Markdown.fenced("markdown", "```java\ny\n```\n")).isEqualTo("````markdown\n```java\ny\n```\n````\n");
  }

  @Test
  void mermaidLabelsUseEntities() {
    assertThat(Markdown.mermaidLabel("a \"b\" <c> | #d `e`")).isEqualTo("a #quot;b#quot; #lt;c#gt; #124; #35;d #96;e#96;");
  }
}
