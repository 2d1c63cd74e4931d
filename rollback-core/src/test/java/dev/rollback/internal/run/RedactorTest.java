package dev.rollback.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RollbackException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void theLongestSecretIsMaskedFirstSoThatAShorterOneInsideItLeavesNoTail() {
    Redactor r = new Redactor();
    r.add("abc");
    r.add("abcdef");
    assertThat(r.redact("x abcdef y abc")).isEqualTo("x *** y ***");
  }

  @Test
  void blankValuesAreNotSecretsSinceMaskingThemWouldMangleEveryText() {
    Redactor r = new Redactor();
    r.add(" ");
    r.add("");
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.redact("a b")).isEqualTo("a b");
  }

  @Test
  void plainDataIsMaskedInKeysAndValuesAtEveryDepth() {
    Redactor r = new Redactor();
    r.add("tok");
    assertThat(r.redactData(Map.of("tok-key", List.of("a tok", 3L)))).isEqualTo(Map.of("***-key", List.of("a ***",
        3L)));
  }

  @Test
  void aScrubbedExceptionKeepsTypesAndStacksButNotTheSecret() {
    Redactor r = new Redactor();
    r.add("tok");
    RuntimeException original = new IllegalStateException("bad tok", new java.io.IOException("401 tok"));
    RuntimeException scrubbed = r.scrub(original);
    assertThat(scrubbed.toString()).isEqualTo("java.lang.IllegalStateException: bad ***");
    assertThat(scrubbed.getCause().toString()).isEqualTo("java.io.IOException: 401 ***");
    assertThat(scrubbed.getStackTrace()).isEqualTo(original.getStackTrace());
    RollbackException plain = new RollbackException("nothing secret");
    assertThat(r.scrub(plain)).isSameAs(plain);
  }
}
