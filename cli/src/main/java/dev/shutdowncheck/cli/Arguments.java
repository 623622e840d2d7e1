package dev.shutdowncheck.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's options: {@code --name value} or {@code --name=value}, each known to the command,
 * given once unless it may repeat. Anything else is a usage error that names it.
 */
final class Arguments {

  private final String command;
  private final Map<String, List<String>> values;

  private Arguments(String command, Map<String, List<String>> values) {
    this.command = command;
    this.values = values;
  }

  static Arguments parse(String command, List<String> args, Set<String> once, Set<String> repeatable)
      throws UsageException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("'" + command + "' takes no argument '" + arg + "'; options start with --");
      }
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        value = null;
      }
      if (!once.contains(name) && !repeatable.contains(name)) {
        throw new UsageException("'" + command + "' has no option " + name);
      }
      if (value == null) {
        throw new UsageException(name + " needs a value");
      }
      List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
      if (once.contains(name) && !list.isEmpty()) {
        throw new UsageException(name + " is given twice");
      }
      list.add(value);
    }
    return new Arguments(command, values);
  }

  String get(String name) {
    List<String> list = values.get(name);
    return list == null ? null : list.get(0);
  }

  String get(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  String require(String name) throws UsageException {
    String value = get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("'" + command + "' needs " + name);
    }
    return value;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
