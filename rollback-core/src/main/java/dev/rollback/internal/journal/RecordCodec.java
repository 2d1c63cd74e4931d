package dev.rollback.internal.journal;

import dev.rollback.spi.PlainData;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Converts records of plain data (the report's parts, step and check results, votes, audits) to maps in the order
 * of their components, and back. Components may be text, numbers, booleans, enums, instants, durations, other
 * such records, and {@code Optional}, {@code OptionalDouble}, {@code List}, {@code Set} and {@code Map<String, ?>} of those; an
 * {@code Object} component holds plain data.
 */
public final class RecordCodec {

  /** What reflection finds about a record class, found once per class. */
  private static final class Shape {
    final String[] names;
    final java.lang.reflect.Method[] accessors;
    final Type[] types;
    final Constructor<?> constructor;

    Shape(Class<?> type) {
      RecordComponent[] cs = type.getRecordComponents();
      names = new String[cs.length];
      accessors = new java.lang.reflect.Method[cs.length];
      types = new Type[cs.length];
      Class<?>[] raw = new Class<?>[cs.length];
      for (int i = 0; i < cs.length; i++) {
        names[i] = cs[i].getName();
        accessors[i] = cs[i].getAccessor();
        accessors[i].setAccessible(true);
        types[i] = cs[i].getGenericType();
        raw[i] = cs[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
      }
    }
  }

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return new Shape(type);
    }
  };

  private RecordCodec() {}

  /**
   * A record as plain data.
   *
   * @param record the record
   * @param tagged whether instants and durations stay typed (for the journal, which reads them back) or become
   *     ISO-8601 text (for reports)
   * @return a map from component name to value; an empty optional becomes null
   */
  public static Map<String, Object> toData(Record record, boolean tagged) {
    Shape shape = SHAPES.get(record.getClass());
    Map<String, Object> out = new LinkedHashMap<>(shape.names.length * 2);
    for (int i = 0; i < shape.names.length; i++) {
      try {
        out.put(shape.names[i], value(shape.accessors[i].invoke(record), tagged));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + shape.names[i] + " of " + record.getClass().getName(), e);
      }
    }
    return out;
  }

  private static Object value(Object v, boolean tagged) {
    if (v instanceof Record) {
      return toData((Record) v, tagged);
    }
    if (v instanceof Optional) {
      return value(((Optional<?>) v).orElse(null), tagged);
    }
    if (v instanceof OptionalDouble) {
      return ((OptionalDouble) v).isPresent() ? (Object) ((OptionalDouble) v).getAsDouble() : null;
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    if (!tagged && (v instanceof Instant || v instanceof Duration)) {
      return v.toString();
    }
    if (v instanceof java.util.Collection) {
      List<Object> out = new ArrayList<>();
      for (Object e : (java.util.Collection<?>) v) {
        out.add(value(e, tagged));
      }
      if (v instanceof Set && !(v instanceof LinkedHashSet) && !(v instanceof java.util.SortedSet)) {
        out.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
      }
      return out;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), value(x, tagged)));
      return out;
    }
    return PlainData.normalize(v);
  }

  /**
   * A record from plain data written by {@link #toData(Record, boolean) toData(record, true)}.
   *
   * @param type the record's class
   * @param data the map
   * @param <R> the record's type
   * @return the record
   * @throws IllegalArgumentException when the data does not fit the record
   */
  public static <R extends Record> R fromData(Class<R> type, Map<String, Object> data) {
    Shape shape = SHAPES.get(type);
    Object[] args = new Object[shape.names.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = read(shape.types[i], data.get(shape.names[i]), type.getSimpleName() + "." + shape.names[i]);
    }
    try {
      return type.cast(shape.constructor.newInstance(args));
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("cannot make a " + type.getSimpleName() + " of " + data + ": "
          + cause.getMessage(), cause);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object read(Type type, Object v, String where) {
    Class<?> raw = raw(type);
    if (raw == Optional.class) {
      return v == null ? Optional.empty() : Optional.of(read(arg(type, 0), v, where));
    }
    if (raw == OptionalDouble.class) {
      return v == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) v).doubleValue());
    }
    if (raw == int.class || raw == Integer.class) {
      return v == null ? 0 : ((Number) v).intValue();
    }
    if (raw == long.class || raw == Long.class) {
      return v == null ? 0L : ((Number) v).longValue();
    }
    if (raw == double.class || raw == Double.class) {
      return v == null ? 0.0 : ((Number) v).doubleValue();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return Boolean.TRUE.equals(v);
    }
    if (v == null) {
      if (raw == List.class) {
        return List.of();
      }
      if (raw == Set.class) {
        return Set.of();
      }
      if (raw == Map.class) {
        return Map.of();
      }
      throw new IllegalArgumentException(where + " is missing");
    }
    if (raw.isEnum()) {
      return Enum.valueOf((Class) raw, (String) v);
    }
    if (raw == Instant.class) {
      return v instanceof Instant ? v : Instant.parse((String) v);
    }
    if (raw == Duration.class) {
      return v instanceof Duration ? v : Duration.parse((String) v);
    }
    if (Record.class.isAssignableFrom(raw)) {
      return fromData((Class<? extends Record>) raw, (Map<String, Object>) v);
    }
    if (raw == List.class || raw == Set.class) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(read(arg(type, 0), e, where));
      }
      return raw == List.class ? Collections.unmodifiableList(out)
          : Collections.unmodifiableSet(new LinkedHashSet<>(out));
    }
    if (raw == Map.class) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> out.put(k, read(arg(type, 1), x, where + "." + k)));
      return Collections.unmodifiableMap(out);
    }
    return v;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    }
    return Object.class;
  }

  private static Type arg(Type t, int i) {
    return t instanceof ParameterizedType ? ((ParameterizedType) t).getActualTypeArguments()[i] : Object.class;
  }
}
