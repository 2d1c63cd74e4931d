package dev.rollback.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

  static final String TOKEN = "ghp_S3cretT0kenValue0987654321";
  static final String HOOK = "https://hooks.example.com/services/T000/B000/XXXXsecretKEY+/=";

  @Test
  void aValueIsMaskedAsItIsAndTheLongestFirst() {
    SecretMask m = SecretMask.of("abc", "abcdef", null, " ", "");
    assertThat(m.apply("x abcdef y abc")).isEqualTo("x *** y ***");
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.apply(null)).isNull();
    assertThat(new SecretMask().apply("abc")).isEqualTo("abc");
    assertThat(new SecretMask().isEmpty()).isTrue();
  }

  @Test
  void aUrlEncodedValueIsMasked() {
    SecretMask m = SecretMask.of(HOOK);
    String encoded = URLEncoder.encode(HOOK, StandardCharsets.UTF_8);
    assertThat(encoded).isNotEqualTo(HOOK);
    assertThat(m.apply("url=" + encoded + "&x=1")).isEqualTo("url=***&x=1");
    assertThat(m.apply("plain " + HOOK)).isEqualTo("plain ***");
    SecretMask spaced = SecretMask.of("pass word with spaces");
    assertThat(spaced.apply("a=pass%20word%20with%20spaces b=pass+word+with+spaces")).isEqualTo("a=*** b=***");
  }

  @Test
  void aValueInsideBase64IsMaskedWhateverComesBeforeIt() {
    SecretMask m = SecretMask.of(TOKEN);
    for (String user : new String[] {"x-access-token", "ab", "abc", "abcd", ""}) {
      String basic = Base64.getEncoder().encodeToString((user + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
      String masked = m.apply("Authorization: Basic " + basic);
      assertThat(masked).as("user %s", user).contains("***").doesNotContain(basic);
      // What is left around the mask tells at most a few bits of the token: never a whole character of it.
      String rest = masked.substring(masked.indexOf("***") + 3);
      assertThat(rest.length()).isLessThanOrEqualTo(4);
    }
    String alone = Base64.getUrlEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    assertThat(m.apply(alone)).startsWith("***");
  }

  @Test
  void eachLineOfAValueOfSeveralLinesIsMasked() {
    String key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END KEY-----";
    SecretMask m = SecretMask.of(key);
    assertThat(m.apply("printed: BKcwggSjAgEAAoIBAQC7 and MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
        .isEqualTo("printed: *** and ***");
  }

  @Test
  void shortValuesAreMaskedOnlyAsTheyAre() {
    assertThat(SecretMask.formsOf("s3cr!t")).containsExactly("s3cr!t");
    assertThat(SecretMask.formsOf(TOKEN)).contains(TOKEN).hasSizeGreaterThan(3);
  }

  @Test
  void aStreamMasksASecretWrittenAByteAtATimeAndSplitAcrossWrites() throws Exception {
    SecretMask m = SecretMask.of(TOKEN);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = m.filter(sink);
    byte[] line = ("token " + TOKEN + " done\n").getBytes(StandardCharsets.UTF_8);
    for (byte b : line) {
      out.write(b);
      out.flush();
    }
    out.write(("a " + TOKEN.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("token *** done\na ");
    out.write((TOKEN.substring(10) + " b\nprompt? ").getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("token *** done\na *** b\nprompt? ");
    out.close();
    assertThat(sink.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
  }

  @Test
  void aStreamHoldsBackAnUnfinishedCharacterAndMasksValuesAddedLater() throws Exception {
    SecretMask m = new SecretMask();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = m.filter(sink);
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    out.write(euro, 0, 2);
    out.flush();
    assertThat(sink.size()).isZero();
    out.write(euro, 2, 1);
    out.write('\n');
    m.add(TOKEN);
    out.write(("later " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    out.close();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("€\nlater ***\n");
  }

  @Test
  void revealsTellsWhetherMaskingWouldChangeAText() {
    SecretMask m = SecretMask.of(TOKEN);
    assertThat(m.reveals("a " + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))).isTrue();
    assertThat(m.reveals("nothing")).isFalse();
    assertThat(m.reveals(null)).isFalse();
    assertThat(m.toString()).isEqualTo("SecretMask[1 values]").doesNotContain(TOKEN);
  }
}
