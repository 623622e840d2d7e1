package dev.shutdowncheck.junit;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * The executors that registered components hold in their fields, named by path ({@code
 * app.ingest.workers}). The search follows fields into objects whose classes come from the same
 * place as the component's (the same classes directory or jar), so it reads the project's own
 * classes and leaves what libraries do inside alone.
 */
final class ExecutorFields {

  private static final int MAX_DEPTH = 4;

  private ExecutorFields() {}

  private record Visit(Object object, String path, int depth, String codeBase) {}

  /** By path, shortest first, each executor once; the registered components themselves excluded. */
  static Map<String, ExecutorService> of(List<Registration> registrations) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Queue<Visit> toVisit = new ArrayDeque<>();
    for (Registration registration : registrations) {
      Object component = registration.component();
      if (component != null && seen.add(component)) {
        toVisit.add(new Visit(component, registration.name(), 0, codeBase(component.getClass())));
      }
    }
    Map<String, ExecutorService> executors = new LinkedHashMap<>();
    while (!toVisit.isEmpty()) {
      Visit visit = toVisit.remove();
      for (Class<?> type = visit.object().getClass(); sameCodeBase(type, visit.codeBase()); type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          Object value = valueOf(field, visit.object());
          if (value == null || !seen.add(value)) {
            continue;
          }
          String path = visit.path() + "." + field.getName();
          if (value instanceof ExecutorService) {
            if (value != ForkJoinPool.commonPool()) {
              executors.put(path, (ExecutorService) value);
            }
          } else if (visit.depth() < MAX_DEPTH && sameCodeBase(value.getClass(), visit.codeBase())) {
            toVisit.add(new Visit(value, path, visit.depth() + 1, visit.codeBase()));
          }
        }
      }
    }
    return executors;
  }

  private static Object valueOf(Field field, Object owner) {
    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
      return null;
    }
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (IllegalAccessException | InaccessibleObjectException | SecurityException e) {
      return null; // a module that does not open it: not the project's own code
    }
  }

  private static boolean sameCodeBase(Class<?> type, String codeBase) {
    return type != null && codeBase != null && Objects.equals(codeBase(type), codeBase);
  }

  private static String codeBase(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? null : source.getLocation().toString();
  }
}
