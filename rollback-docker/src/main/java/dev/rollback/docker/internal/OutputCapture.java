package dev.rollback.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;

/**
 * Receives a container's attached output as docker-java's demultiplexed frames and keeps stdout and stderr apart,
 * each bounded to its last bytes.
 */
public final class OutputCapture extends ResultCallback.Adapter<Frame> {

  /** The last bytes of a stream. */
  static final class Tail {
    private final byte[] buf;
    private long total;

    Tail(int max) {
      this.buf = new byte[max];
    }

    synchronized void write(byte[] b) {
      int max = buf.length;
      if (b.length >= max) {
        System.arraycopy(b, b.length - max, buf, 0, max);
      } else {
        int kept = (int) Math.min(total, max);
        int drop = Math.max(0, kept + b.length - max);
        if (drop > 0) {
          System.arraycopy(buf, drop, buf, 0, kept - drop);
          kept -= drop;
        }
        System.arraycopy(b, 0, buf, kept, b.length);
      }
      total += b.length;
    }

    synchronized String text() {
      int kept = (int) Math.min(total, buf.length);
      return new String(buf, 0, kept, StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
      return total > buf.length;
    }
  }

  private final Tail stdout;
  private final Tail stderr;

  /**
   * Creates a capture.
   *
   * @param maxBytes how much of each stream to keep
   */
  public OutputCapture(int maxBytes) {
    this.stdout = new Tail(maxBytes);
    this.stderr = new Tail(maxBytes);
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null || payload.length == 0) {
      return;
    }
    if (frame.getStreamType() == StreamType.STDERR) {
      stderr.write(payload);
    } else if (frame.getStreamType() != StreamType.STDIN) {
      stdout.write(payload);
    }
  }

  /**
   * What the container wrote to stdout.
   *
   * @return the text kept
   */
  public String stdout() {
    return stdout.text();
  }

  /**
   * What the container wrote to stderr.
   *
   * @return the text kept
   */
  public String stderr() {
    return stderr.text();
  }

  /**
   * Whether older output was dropped from either stream.
   *
   * @return {@code true} when a stream outgrew its bound
   */
  public boolean truncated() {
    return stdout.truncated() || stderr.truncated();
  }
}
