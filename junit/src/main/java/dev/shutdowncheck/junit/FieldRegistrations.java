package dev.shutdowncheck.junit;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The {@link ShutdownUnderTest} fields of the test instances, in the order they are declared. */
final class FieldRegistrations {

  private FieldRegistrations() {}

  /**
   * The fields' registrations: enclosing instances first (for {@code @Nested} tests), a
   * superclass's fields before its subclass's, then in declaration order. Null fields are skipped.
   */
  static List<Registration> of(List<Object> testInstances) {
    List<Registration> registrations = new ArrayList<>();
    for (Object instance : testInstances) {
      for (Class<?> type : superclassesFirst(instance.getClass())) {
        for (Field field : type.getDeclaredFields()) {
          if (field.isAnnotationPresent(ShutdownUnderTest.class)) {
            Object value = read(field, instance);
            if (value != null) {
              registrations.add(Registration.ofValue(field.getName(), value));
            }
          }
        }
      }
    }
    return registrations;
  }

  private static Deque<Class<?>> superclassesFirst(Class<?> type) {
    Deque<Class<?>> types = new ArrayDeque<>();
    for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
      types.addFirst(t);
    }
    return types;
  }

  private static Object read(Field field, Object instance) {
    String where = "shutdown-check: @ShutdownUnderTest " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
    if (Modifier.isStatic(field.getModifiers())) {
      throw new ExtensionConfigurationException(
          where + " is static: it would be stopped after the first test and broken for the next;"
              + " make it an instance field");
    }
    if (!Registration.canStop(field.getType())) {
      throw new ExtensionConfigurationException(
          where + " is a " + field.getType().getName() + ": it must be an AutoCloseable, an"
              + " ExecutorService or a Thread; register anything else with"
              + " ShutdownVerifier.register(component, stop)");
    }
    try {
      field.setAccessible(true);
      return field.get(instance);
    } catch (IllegalAccessException | InaccessibleObjectException e) {
      throw new ExtensionConfigurationException(where + " cannot be read: " + e.getMessage(), e);
    }
  }
}
