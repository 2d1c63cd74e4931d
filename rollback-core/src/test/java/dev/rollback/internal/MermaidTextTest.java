package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MermaidText}: names that Mermaid would read as syntax are drawn as themselves. */
class MermaidTextTest {

  /** Each of these broke a gantt chart in Mermaid 11 when written as it is (scripts/mermaid's mmdc, by hand). */
  static final List<String> HOSTILE = List.of("title stage two", "section x", "click here", "call api",
      "href \"x\"", "gantt review", "dateFormat x", "axisFormat %H", "tickInterval 1day", "includes 2026-01-01",
      "excludes weekends", "todayMarker off", "accTitle: x", "accDescr: y", "accDescr { z }",
      "weekday monday deploy", "inclusiveEndDates x", "topAxis y", "2026-11-01 deploy", "%d done", "5% of fleet",
      "%%{init: {}}%%", "Step: check #123; now", "issue #65; done", "x #quot;y#quot;", "say \"hi\" & <b>bold</b>",
      "a; b {c} `d` \\e", "Title Case", "SECTION upper");

  @Test
  void theFirstCharacterAndEveryCharacterTheLexerReadsAreEntities() {
    assertThat(MermaidText.ganttText("Phase 1: Stop #3; 50% \"x\" <y> & {z} `w` \\v")).isEqualTo(
        "#80;hase 1#58; Stop #35;3#59; 50#37; #34;x#34; #60;y#62; #38; #123;z#125; #96;w#96; #92;v");
    assertThat(MermaidText.ganttText("é🚀x")).isEqualTo("#233;🚀x");
    assertThat(MermaidText.ganttText("🚀x")).isEqualTo("#128640;x");
  }

  @Test
  void noKeywordDateOrCommentCanStartTheLine() {
    for (String s : HOSTILE) {
      String text = MermaidText.ganttText(s);
      assertThat(text).as(s).matches("#\\d+;[^:#;%\"<>&{}`\\\\]*(#\\d+;[^:#;%\"<>&{}`\\\\]*)*");
      assertThat(GanttLint.decode(text)).isEqualTo(s);
    }
  }

  @Test
  void whiteSpaceAndLineBreaksBecomeOneSpaceAndOtherControlsShowAsEscapes() {
    assertThat(MermaidText.ganttPlain("  a\r\n\tb\u2028c\u00a0 d  ")).isEqualTo("a b c d");
    assertThat(MermaidText.ganttPlain("bell\u0007 esc\u001b[31m")).isEqualTo("bell\\u0007 esc\\u001b[31m");
    assertThat(MermaidText.ganttText("x\ntitle y")).isEqualTo("#120; title y");
    assertThat(MermaidText.ganttText("a\u202eb")).isEqualTo("#97;#92;u202eb");
  }

  @Test
  void nothingPrintableIsUnnamed() {
    assertThat(MermaidText.ganttPlain(" \n\t ")).isEqualTo(MermaidText.UNNAMED);
    assertThat(MermaidText.ganttPlain(null)).isEqualTo(MermaidText.UNNAMED);
    assertThat(MermaidText.ganttText("")).isEqualTo("#40;unnamed)");
  }

  @Test
  void flowchartLabelsKeepTheirRules() {
    assertThat(MermaidText.flowchartLabel("a \"b\" <c> | #d `e`"))
        .isEqualTo("a #quot;b#quot; #lt;c#gt; #124; #35;d #96;e#96;").isEqualTo(Markdown.mermaidLabel("a \"b\" <c> | #d `e`"));
  }
}
