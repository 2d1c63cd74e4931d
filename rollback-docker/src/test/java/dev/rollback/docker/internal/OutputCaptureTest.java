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
  void framesGoToTheirStreamAndEachKeepsItsLastBytes() {
    OutputCapture c = new OutputCapture(8);
    c.onNext(frame(StreamType.STDOUT, "12345"));
    c.onNext(frame(StreamType.STDERR, "err"));
    c.onNext(frame(StreamType.STDOUT, "6789"));
    assertThat(c.stdout()).isEqualTo("23456789");
    assertThat(c.stderr()).isEqualTo("err");
    assertThat(c.truncated()).isTrue();
    c.onNext(frame(StreamType.STDOUT, "abcdefghijk"));
    assertThat(c.stdout()).isEqualTo("defghijk");
  }
}
