package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  private static Frame frame(StreamType t, String s) {
    return new Frame(t, s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void framesGoToTheirStreamAndEachKeepsItsLastBytesFromTheFirstWholeLine() {
    OutputCapture c = new OutputCapture(8);
    c.onNext(frame(StreamType.STDOUT, "1\n345"));
    c.onNext(frame(StreamType.STDERR, "err"));
    c.onNext(frame(StreamType.STDOUT, "6789"));
    assertThat(c.stdout()).isEqualTo("3456789");
    assertThat(c.stderr()).isEqualTo("err");
    assertThat(c.truncated()).isTrue();
    c.onNext(frame(StreamType.STDOUT, "abcd\nfghijk"));
    assertThat(c.stdout()).isEqualTo("fghijk");
  }

  @Test
  void aLineCutByTheBoundIsDroppedSoThatNoSecretIsLeftHalfShown() {
    OutputCapture c = new OutputCapture(16);
    c.onNext(frame(StreamType.STDOUT, "token=ghp_S3cr"));
    c.onNext(frame(StreamType.STDOUT, "etValue\nok\n"));
    assertThat(c.truncated()).isTrue();
    assertThat(c.stdout()).isEqualTo("ok\n").doesNotContain("Value");
    c.onNext(frame(StreamType.STDOUT, "no newline in the last sixteen bytes"));
    assertThat(c.stdout()).isEmpty();
  }
}
