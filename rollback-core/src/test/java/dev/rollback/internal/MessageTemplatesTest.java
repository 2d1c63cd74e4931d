package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MessageTemplates}: the quick scan never accepts a template the Mustache compiler refuses. */
class MessageTemplatesTest {

  private static final List<String> TEMPLATES = List.of(
      "", "plain text", "{{reason}}", "{{timeline.detected}}", "{{.}}", "{{{raw}}}", "{{&raw}}", "{{!comment}}",
      "{{! comment with {{ inside }}", "{{#fixes}}- {{.}}\n{{/fixes}}", "{{^fixes}}none{{/fixes}}",
      "{{#a}}{{#b}}{{/b}}{{/a}}", "{{#a}}{{/b}}", "{{#a}}{{#b}}{{/a}}{{/b}}", "{{#a}}", "{{/a}}", "{{a", "{{}}",
      "{{ spaced }}", "{{#a}}x{{/a }}", "{{=<% %>=}}<%name%>", "{{=<% %>=}}<%#a%>", "{{>partial}}", "{{{a}}",
      "{{{a b}}}", "}}{{a}}}", "{{a}}}}", "{ {a} }", "{{a b}}", "{{#a-b}}{{/a-b}}", "{{&}}", "{{#}}{{/}}",
      "{{^a}}{{/a}}{{/a}}", "text {{", "{{a}} text }}");

  @Test
  void theQuickScanAgreesWithTheCompiler() {
    List<String> disagreements = new ArrayList<>();
    for (String t : TEMPLATES) {
      boolean compiles;
      try {
        MessageTemplates.compiler().compile(t);
        compiles = true;
      } catch (RuntimeException e) {
        compiles = false;
      }
      if (MessageTemplates.plainlyValid(t) && !compiles) {
        disagreements.add("quick scan accepts what the compiler refuses: " + t);
      }
      if (MessageTemplates.problems(t).isEmpty() != compiles) {
        disagreements.add("problems() disagrees with the compiler: " + t);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void theQuickScanFindsTheNamesTheCompilerFinds() {
    List<String> more = new ArrayList<>(TEMPLATES);
    more.add("Rolled back due to {{reason}} at {{timeline.completed}}.{{#fixes}} {{name}} {{reason}}{{/fixes}}"
        + "{{^steps}}none{{/steps}} {{&raw}} {{{raw2}}} {{reason}} {{!note}}");
    for (String t : more) {
      if (MessageTemplates.plainlyValid(t)) {
        assertThat(MessageTemplates.topLevelNames(t)).as(t).isEqualTo(MessageTemplates.compiledNames(t));
      }
    }
    assertThat(MessageTemplates.topLevelNames(more.get(more.size() - 1)))
        .containsExactly("reason", "timeline.completed", "fixes", "steps", "raw", "raw2");
  }

  @Test
  void theSeedsMessagesAreKnownValidWithoutCompiling() {
    assertThat(MessageTemplates.plainlyValid("## Changes\n{{#fixes}}\n- {{.}}\n{{/fixes}}\nContact {{team}}.")).isTrue();
  }

  @Test
  void anEmptyTagIsAProblemNotACrash() {
    assertThat(MessageTemplates.problems("{{}}")).singleElement().asString()
        .startsWith("template does not compile: the Mustache parser fails on it");
  }

  @Test
  void aTemplateThatDoesNotCompileSaysWhy() {
    assertThat(MessageTemplates.problems("{{#fixes}} never closed")).singleElement().asString()
        .startsWith("template does not compile: ");
  }
}
