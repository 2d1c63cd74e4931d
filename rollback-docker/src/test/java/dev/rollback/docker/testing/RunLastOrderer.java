package dev.rollback.docker.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/** Orders test classes by name, with {@link RunLast} classes after all others. */
public final class RunLastOrderer implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator
        .comparing((ClassDescriptor d) -> d.isAnnotated(RunLast.class))
        .thenComparing(d -> d.getTestClass().getName()));
  }
}
