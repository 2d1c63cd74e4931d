package dev.rollback.examples.cli;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finds, in a compiled class, a call that would end the JVM: {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}, called directly or taken as a method reference. It reads the class's constant pool, where
 * every method a class calls (or refers to) is named, so it needs no bytecode library and sees every call the
 * compiler wrote. A call made through reflection is not a method reference and is not seen here; the launcher's
 * shutdown guard catches that one ({@link PlanScript}).
 */
final class ExitCalls {

  private ExitCalls() {}

  /**
   * The first call in the class that would end the JVM.
   *
   * @param classFile the class file's bytes
   * @return the call as Java reads it ({@code System.exit}); empty when there is none, or the bytes are not a class
   *     file this reader knows
   */
  static Optional<String> find(byte[] classFile) {
    try {
      return scan(ByteBuffer.wrap(classFile));
    } catch (RuntimeException e) {
      // Not a class file this reader understands (a constant kind from a later JDK): the shutdown guard remains.
      return Optional.empty();
    }
  }

  private static Optional<String> scan(ByteBuffer b) {
    if (b.getInt() != 0xCAFEBABE) {
      return Optional.empty();
    }
    b.getShort();
    b.getShort();
    int count = Short.toUnsignedInt(b.getShort());
    String[] utf8 = new String[count];
    int[] first = new int[count];
    int[] second = new int[count];
    byte[] tags = new byte[count];
    for (int i = 1; i < count; i++) {
      byte tag = b.get();
      tags[i] = tag;
      switch (tag) {
        case 1: // Utf8
          byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
          b.get(bytes);
          utf8[i] = modifiedUtf8(bytes);
          break;
        case 3: // Integer
        case 4: // Float
          b.getInt();
          break;
        case 5: // Long
        case 6: // Double
          b.getLong();
          i++;
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          first[i] = Short.toUnsignedInt(b.getShort());
          break;
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          first[i] = Short.toUnsignedInt(b.getShort());
          second[i] = Short.toUnsignedInt(b.getShort());
          break;
        case 15: // MethodHandle
          b.get();
          first[i] = Short.toUnsignedInt(b.getShort());
          break;
        default:
          throw new IllegalArgumentException("constant kind " + tag);
      }
    }
    for (int i = 1; i < count; i++) {
      if (tags[i] != 10 && tags[i] != 11) {
        continue;
      }
      String owner = utf8[first[first[i]]];
      int nameAndType = second[i];
      String name = utf8[first[nameAndType]];
      String descriptor = utf8[second[nameAndType]];
      if (!"(I)V".equals(descriptor)) {
        continue;
      }
      if ("java/lang/System".equals(owner) && "exit".equals(name)) {
        return Optional.of("System.exit");
      }
      if ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name))) {
        return Optional.of("Runtime." + name);
      }
    }
    return Optional.empty();
  }

  /** Names in a class file are in modified UTF-8; those compared here are ASCII, so plain decoding will do. */
  private static String modifiedUtf8(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
