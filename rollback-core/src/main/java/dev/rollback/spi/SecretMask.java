package dev.rollback.spi;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Secret values to keep out of text, and the masking of them: what the executor uses for everything it writes
 * (journal, reports, notifications, events, its log, exception messages), what an adapter uses for its own messages
 * (a token GitHub's error echoes back), and what a tool that prints can wrap its streams in.
 *
 * <p>Each value is masked as {@value #MASK} in the forms it commonly takes in text: as it is; URL-encoded (a token
 * in a query or in the user part of a URL, a webhook URL passed as a parameter); inside base64 text, whatever comes
 * before it (the {@code Authorization: Basic} header of {@code user:token}, a token in an encoded configuration);
 * and, for a value of several lines (a private key), each of its lines. Values shorter than
 * {@value #MIN_DERIVED} characters are masked only as they are: their encodings would be too short to tell apart
 * from other text. Blank values are ignored, since hiding them would mangle every text.
 *
 * <pre>{@code
 * SecretMask mask = SecretMask.of(System.getenv("GITHUB_TOKEN"));
 * mask.apply("curl -H 'Authorization: Bearer ghp_...'");     // "curl -H 'Authorization: Bearer ***'"
 * PrintStream err = new PrintStream(mask.filter(System.err), true, StandardCharsets.UTF_8);
 * RollbackExecutor.builder().secretMask(mask)...             // the executor adds what it learns
 * }</pre>
 *
 * <p>Thread-safe: values may be added while others mask.
 */
public final class SecretMask {

  /** What replaces a secret. */
  public static final String MASK = "***";

  /** The shortest value whose encodings and lines are masked too. */
  public static final int MIN_DERIVED = 8;

  private final Set<String> values = new LinkedHashSet<>();
  /** Every form to replace, the longest first, so that a form inside a longer one never breaks it up. */
  private volatile List<String> forms = List.of();

  /** Creates an empty mask. */
  public SecretMask() {}

  /**
   * A mask of the values given; null and blank values are skipped.
   *
   * @param values the secret values
   * @return the mask
   */
  public static SecretMask of(String... values) {
    SecretMask m = new SecretMask();
    for (String v : values) {
      m.add(v);
    }
    return m;
  }

  /**
   * Adds a value to mask, with its encodings; null and blank values are ignored.
   *
   * @param value the secret value
   * @return this mask
   */
  public SecretMask add(String value) {
    if (value == null || value.isBlank()) {
      return this;
    }
    synchronized (values) {
      if (!values.add(value)) {
        return this;
      }
      Set<String> all = new LinkedHashSet<>(forms);
      all.addAll(formsOf(value));
      List<String> sorted = new ArrayList<>(all);
      sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
      forms = List.copyOf(sorted);
    }
    return this;
  }

  /**
   * Adds values to mask.
   *
   * @param values the secret values; null and blank ones are ignored
   * @return this mask
   * @throws NullPointerException if {@code values} is null
   */
  public SecretMask addAll(Collection<String> values) {
    Objects.requireNonNull(values, "values");
    values.forEach(this::add);
    return this;
  }

  /**
   * Whether the mask holds no value.
   *
   * @return {@code true} when there is nothing to hide
   */
  public boolean isEmpty() {
    return forms.isEmpty();
  }

  /**
   * How many values the mask holds (not counting their encodings).
   *
   * @return the count
   */
  public int size() {
    synchronized (values) {
      return values.size();
    }
  }

  /**
   * The text with every secret, in each of its forms, replaced by {@value #MASK}.
   *
   * @param text the text; may be null
   * @return the masked text; null for null
   */
  public String apply(String text) {
    List<String> fs = forms;
    if (text == null || fs.isEmpty()) {
      return text;
    }
    String out = text;
    for (String f : fs) {
      if (out.contains(f)) {
        out = out.replace(f, MASK);
      }
    }
    return out;
  }

  /**
   * Whether a text holds a secret in any of its forms.
   *
   * @param text the text; may be null
   * @return {@code true} when masking would change it
   */
  public boolean reveals(String text) {
    if (text == null) {
      return false;
    }
    for (String f : forms) {
      if (text.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A stream that writes UTF-8 text on to another, masked: a line is masked as a whole when it ends, so a secret
   * written in pieces (a byte at a time, or split across writes) is still caught; on {@code flush()} the text so far
   * goes out too (a prompt, a progress line), except its end when that could be the start of a secret. Values added
   * to the mask later are masked from then on. Closing it closes the other stream.
   *
   * @param out where the masked text goes
   * @return the masking stream
   * @throws NullPointerException if {@code out} is null
   */
  public OutputStream filter(OutputStream out) {
    return filter(out, StandardCharsets.UTF_8);
  }

  /**
   * A stream that writes text in a charset on to another, masked, as {@link #filter(OutputStream)} does for UTF-8:
   * for wrapping a terminal whose encoding is the platform's.
   *
   * @param out where the masked text goes
   * @param charset the text's charset
   * @return the masking stream
   * @throws NullPointerException if an argument is null
   */
  public OutputStream filter(OutputStream out, Charset charset) {
    return new Filter(Objects.requireNonNull(out, "out"), this, Objects.requireNonNull(charset, "charset"));
  }

  /**
   * How many characters at the end of a text must be held back, since they could be the start of a secret.
   *
   * @param text the text
   * @return the length of the longest end of the text that begins one of the forms; 0 when none does
   */
  int heldBack(String text) {
    int longest = 0;
    for (String f : forms) {
      int max = Math.min(f.length() - 1, text.length());
      for (int n = max; n > longest; n--) {
        if (text.regionMatches(text.length() - n, f, 0, n)) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }

  /** The value's forms: itself, URL-encoded, inside base64, its lines. */
  static Set<String> formsOf(String value) {
    Set<String> out = new LinkedHashSet<>();
    out.add(value);
    if (value.length() < MIN_DERIVED) {
      return out;
    }
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    out.add(encoded);
    out.add(encoded.replace("+", "%20"));
    if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
      out.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < 3; k++) {
      // The value after k other bytes: the base64 characters whose six bits all come from the value are the same
      // whatever those bytes were, and whatever follows.
      byte[] shifted = new byte[k + bytes.length];
      System.arraycopy(bytes, 0, shifted, k, bytes.length);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int from = (8 * k + 5) / 6;
      int to = (8 * (k + bytes.length)) / 6;
      if (to - from >= MIN_DERIVED) {
        String core = b64.substring(from, to);
        out.add(core);
        out.add(core.replace('+', '-').replace('/', '_'));
      }
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      for (String line : value.split("\\R")) {
        if (line.strip().length() >= MIN_DERIVED) {
          out.add(line.strip());
        }
      }
    }
    out.removeIf(String::isBlank);
    return out;
  }

  @Override
  public String toString() {
    return "SecretMask[" + size() + " values]";
  }

  /** Masks text line by line on its way to another stream. */
  private static final class Filter extends FilterOutputStream {
    /** A line longer than this goes out even before it ends (masked, less what could begin a secret). */
    private static final int MAX_PENDING = 64 * 1024;

    private final SecretMask mask;
    private final Charset charset;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Filter(OutputStream out, SecretMask mask, Charset charset) {
      super(out);
      this.mask = mask;
      this.charset = charset;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      pending.write(b);
      if (b == '\n') {
        emit(false);
      } else if (pending.size() > MAX_PENDING) {
        emit(true);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          pending.write(b, start, i + 1 - start);
          emit(false);
          start = i + 1;
        }
      }
      pending.write(b, start, off + len - start);
      if (pending.size() > MAX_PENDING) {
        emit(true);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      emit(true);
      out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      try {
        emit(false);
      } finally {
        out.close();
      }
    }

    /** Writes what is pending, masked; with {@code partial}, keeps back an end that could begin a secret. */
    private void emit(boolean partial) throws IOException {
      if (pending.size() == 0) {
        return;
      }
      byte[] bytes = pending.toByteArray();
      int complete = partial && charset.equals(StandardCharsets.UTF_8) ? completeUtf8(bytes) : bytes.length;
      String text = new String(bytes, 0, complete, charset);
      int keep = partial ? mask.heldBack(text) : 0;
      String masked = mask.apply(text.substring(0, text.length() - keep));
      byte[] rest = (text.substring(text.length() - keep)).getBytes(charset);
      pending.reset();
      pending.write(rest, 0, rest.length);
      pending.write(bytes, complete, bytes.length - complete);
      out.write(masked.getBytes(charset));
    }

    /** How many bytes form whole UTF-8 characters: an unfinished sequence at the end waits for its other bytes. */
    private static int completeUtf8(byte[] b) {
      int n = b.length;
      for (int back = 1; back <= Math.min(3, n); back++) {
        int c = b[n - back] & 0xff;
        if ((c & 0xc0) == 0x80) {
          continue;
        }
        int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return len > back ? n - back : n;
      }
      return n;
    }
  }
}
