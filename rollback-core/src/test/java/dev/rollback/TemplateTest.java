package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Template}: placeholders are found exactly where the documented syntax,
 * <code>\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*}}</code>, finds them, for every short text made of braces, white space
 * and name characters.
 */
class TemplateTest {

  private static final Pattern SYNTAX = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");
  private static final char[] ALPHABET = {'{', '}', ' ', '\t', 'a', '1', '.'};

  @Test
  void placeholdersAreFoundWhereTheDocumentedSyntaxFindsThem() {
    List<String> texts = texts(7);
    List<String> different = new ArrayList<>();
    for (String text : texts) {
      Matcher m = SYNTAX.matcher(text);
      Set<String> names = new LinkedHashSet<>();
      int count = 0;
      while (m.find()) {
        names.add(m.group(1));
        count++;
      }
      boolean wellFormed = count == occurrences(text, "{{") && count == occurrences(text, "}}");
      if (!List.copyOf(Template.placeholders(text)).equals(List.copyOf(names))
          || !Template.sample(text).equals(SYNTAX.matcher(text).replaceAll("x"))
          || new Template(text).problems().isEmpty() != wellFormed) {
        different.add(text);
      }
    }
    assertThat(texts).hasSize(960_800);
    assertThat(different).isEmpty();
  }

  @Test
  void fillingPutsValuesInAsTheyAreWhereverThePlaceholdersStand() {
    Template t = new Template("rollback-{{ run.date }}-{{culprit}}{{{x}} {{1}} $ \\ {{x");
    assertThat(t.fill(Map.of("run.date", "$1\\n", "culprit", "abc", "x", "{{x}}")::get))
        .isEqualTo("rollback-$1\\n-abc{{{x}} {{1}} $ \\ {{x");
    assertThat(new Template("no placeholder").fill(name -> null)).isEqualTo("no placeholder");
  }

  @Test
  void fillingWithoutAValueNamesThePlaceholder() {
    assertThatThrownBy(() -> new Template("tag-{{ version }}").fill(name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template 'tag-{{ version }}': no value for {{version}}");
  }

  /** Every text of up to {@code length} characters of the alphabet. */
  private static List<String> texts(int length) {
    List<String> out = new ArrayList<>();
    out.add("");
    for (int from = 0; from < out.size(); from++) {
      String t = out.get(from);
      if (t.length() < length) {
        for (char c : ALPHABET) {
          out.add(t + c);
        }
      }
    }
    return out;
  }

  private static int occurrences(String text, String token) {
    int n = 0;
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
      n++;
    }
    return n;
  }
}
