package dev.rollback.examples.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The launcher's standard output and error: UTF-8 text passes through, except control characters, which are written
 * as escapes ({@code \u005cu001b}) so that text from outside (a commit subject in an error, command output, a
 * message from GitHub) cannot move the cursor, clear the screen, retitle the window or ring the bell. Line feeds and
 * tabs pass. Escaped: ASCII controls and DEL, the C1 controls (U+0080 to U+009F, such as the one-byte CSI) and the
 * Unicode marks that reorder text (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), the same set as the
 * library's console progress escapes.
 */
final class TerminalSafeStream extends FilterOutputStream {

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The lead bytes of a sequence that may be a control character, held until it is known. */
  private final int[] held = new int[2];
  private int heldLength;

  /**
   * Wraps a stream.
   *
   * @param out the stream written to
   */
  TerminalSafeStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    b &= 0xff;
    if (heldLength == 0) {
      fresh(b);
    } else if (heldLength == 1) {
      int lead = held[0];
      if (lead == 0xC2 && b >= 0x80 && b <= 0x9F) {
        heldLength = 0;
        escape(b);
      } else if (lead == 0xD8 && b == 0x9C) {
        heldLength = 0;
        escape(0x061C);
      } else if (lead == 0xE2 && (b == 0x80 || b == 0x81)) {
        held[1] = b;
        heldLength = 2;
      } else {
        release();
        fresh(b);
      }
    } else {
      int point = 0x2000 | ((held[1] & 0x3f) << 6) | (b & 0x3f);
      boolean control = (b & 0xC0) == 0x80 && (point == 0x200E || point == 0x200F
          || (point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069));
      if (control) {
        heldLength = 0;
        escape(point);
      } else {
        release();
        fresh(b);
      }
    }
  }

  private void fresh(int b) throws IOException {
    if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) {
      escape(b);
    } else if (b == 0xC2 || b == 0xD8 || b == 0xE2) {
      held[0] = b;
      heldLength = 1;
    } else {
      out.write(b);
    }
  }

  private void release() throws IOException {
    for (int i = 0; i < heldLength; i++) {
      out.write(held[i]);
    }
    heldLength = 0;
  }

  private void escape(int c) throws IOException {
    out.write(new byte[] {'\\', 'u', HEX[(c >> 12) & 0xf], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]});
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void close() throws IOException {
    release();
    super.close();
  }
}
