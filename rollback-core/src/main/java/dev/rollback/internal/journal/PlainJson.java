package dev.rollback.internal.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.rollback.spi.PlainData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * JSON for plain data: text, numbers, booleans, durations, instants, and lists and maps of those, in their
 * order. Durations and instants are written as {@code {"$duration":"PT1S"}} and {@code {"$instant":"..."}} so
 * they read back as themselves; numbers read back as {@link Long} or {@link Double}. {@link PlainData#normalize}
 * gives the same types in memory, so a value equals itself after a round trip through the journal.
 */
public final class PlainJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build()).build();

  private PlainJson() {}

  /**
   * The value as the journal holds it and reads it back: every number as a {@link Long} or {@link Double}, lists and
   * maps copied (unmodifiable, in order), optionals unwrapped (empty to null), enums as their names. The rule is
   * {@link PlainData}'s ({@link PlainData.Use#JOURNAL}); this is its journal's name for it.
   *
   * @param v plain data
   * @return the normalized copy
   * @throws IllegalArgumentException for a value that is not plain data
   */
  public static Object normalize(Object v) {
    return PlainData.normalize(v);
  }

  /**
   * Writes plain data as one line of JSON, every text passed through {@code text} (for redaction).
   *
   * @param v the value
   * @param text applied to every string and key written
   * @return the UTF-8 bytes, without a newline
   */
  public static byte[] bytes(Object v, UnaryOperator<String> text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, v, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes plain data as JSON text.
   *
   * @param v the value
   * @param pretty whether to indent
   * @param text applied to every string and key written
   * @return the text
   */
  public static String text(Object v, boolean pretty, UnaryOperator<String> text) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      write(g, v, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads one JSON value written by this class.
   *
   * @param bytes the UTF-8 bytes
   * @param offset where the value starts
   * @param length how many bytes it spans
   * @return the plain data
   * @throws IOException when the bytes are not one JSON value
   */
  public static Object read(byte[] bytes, int offset, int length) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("no JSON value");
      }
      Object v = read(p, t);
      if (p.nextToken() != null) {
        throw new IOException("more than one JSON value");
      }
      return v;
    }
  }

  /**
   * Reads one JSON value written by this class.
   *
   * @param json the text
   * @return the plain data
   * @throws IllegalArgumentException when the text is not one JSON value
   */
  public static Object read(String json) {
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      return read(b, 0, b.length);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
            : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY: {
        List<Object> out = new ArrayList<>();
        for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
          out.add(read(p, x));
        }
        return Collections.unmodifiableList(out);
      }
      case START_OBJECT: {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonToken x = p.nextToken(); x != JsonToken.END_OBJECT; x = p.nextToken()) {
          String name = p.currentName();
          out.put(name, read(p, p.nextToken()));
        }
        if (out.size() == 1 && out.get("$duration") instanceof String) {
          return Duration.parse((String) out.get("$duration"));
        }
        if (out.size() == 1 && out.get("$instant") instanceof String) {
          return instant((String) out.get("$instant"));
        }
        return Collections.unmodifiableMap(out);
      }
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  private static void write(JsonGenerator g, Object v, UnaryOperator<String> text) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString(text.apply((String) v));
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeString(Double.toString(d));
      }
    } else if (v instanceof Number) {
      write(g, PlainData.normalize(v), text);
    } else if (v instanceof Duration) {
      g.writeStartObject();
      g.writeStringField("$duration", v.toString());
      g.writeEndObject();
    } else if (v instanceof Instant) {
      g.writeStartObject();
      g.writeStringField("$instant", v.toString());
      g.writeEndObject();
    } else if (v instanceof Optional) {
      write(g, ((Optional<?>) v).orElse(null), text);
    } else if (v instanceof Enum) {
      g.writeString(((Enum<?>) v).name());
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object e : (List<?>) v) {
        write(g, e, text);
      }
      g.writeEndArray();
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(text.apply(String.valueOf(e.getKey())));
        write(g, e.getValue(), text);
      }
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("not plain data: " + v.getClass().getName());
    }
  }

  /**
   * Reads an instant as {@link Instant#toString()} writes it in UTC ({@code 2026-01-01T03:00:00.123Z}), quickly,
   * since a resume reads thousands; anything else goes through {@link Instant#parse}.
   *
   * @param t the text
   * @return the instant
   * @throws java.time.format.DateTimeParseException when the text is not an instant
   */
  public static Instant instant(String t) {
    int n = t.length();
    if (n >= 20 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T' && t.charAt(13) == ':'
        && t.charAt(16) == ':' && t.charAt(n - 1) == 'Z' && (n == 20 || t.charAt(19) == '.')) {
      try {
        long seconds = java.time.LocalDate.of(digits(t, 0, 4), digits(t, 5, 7), digits(t, 8, 10)).toEpochDay()
            * 86_400L + digits(t, 11, 13) * 3600L + digits(t, 14, 16) * 60L + digits(t, 17, 19);
        int nanos = 0;
        if (n > 20) {
          String fraction = t.substring(20, n - 1);
          if (fraction.isEmpty() || fraction.length() > 9) {
            return Instant.parse(t);
          }
          nanos = digits(fraction, 0, fraction.length());
          for (int i = fraction.length(); i < 9; i++) {
            nanos *= 10;
          }
        }
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (java.time.DateTimeException | NumberFormatException e) {
        return Instant.parse(t);
      }
    }
    return Instant.parse(t);
  }

  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(t);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
