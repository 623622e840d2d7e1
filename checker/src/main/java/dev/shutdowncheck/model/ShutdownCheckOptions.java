package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneFlags;
import dev.shutdowncheck.findings.FindingsRecorder;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code -XepOpt:ShutdownCheck:*} flags that extend the lifecycle model. A malformed value
 * fails the compilation with a message that names the flag and the form it expects.
 */
public record ShutdownCheckOptions(
    ImmutableList<TypeMember> shutdownMethods,
    ImmutableList<String> shutdownAnnotations,
    ImmutableList<TypeMember> resourceTypes,
    ImmutableList<TypeMember> exitMethods,
    Duration gracePeriod) {

  public static final String PREFIX = "ShutdownCheck:";
  public static final String SHUTDOWN_METHODS = PREFIX + "ShutdownMethods";
  public static final String SHUTDOWN_ANNOTATIONS = PREFIX + "ShutdownAnnotations";
  public static final String RESOURCE_TYPES = PREFIX + "ResourceTypes";
  public static final String EXIT_METHODS = PREFIX + "ExitMethods";

  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");

  public static final ShutdownCheckOptions NONE =
      new ShutdownCheckOptions(
          ImmutableList.of(),
          ImmutableList.of(),
          ImmutableList.of(),
          ImmutableList.of(),
          GracePeriod.DEFAULT);

  /** Every {@code ShutdownCheck:} flag there is; another one is a misspelling, not an unknown extension. */
  static final ImmutableList<String> KNOWN =
      ImmutableList.of(
          SHUTDOWN_METHODS,
          SHUTDOWN_ANNOTATIONS,
          RESOURCE_TYPES,
          EXIT_METHODS,
          GracePeriod.FLAG,
          FindingsRecorder.FINDINGS_DIR_FLAG);

  public static ShutdownCheckOptions from(ErrorProneFlags flags) {
    rejectUnknown(flags);
    return new ShutdownCheckOptions(
        typeMembers(flags, SHUTDOWN_METHODS, "com.acme.Component#halt or #halt"),
        qualifiedNames(flags, SHUTDOWN_ANNOTATIONS, "com.acme.OnStop"),
        resourceTypes(flags),
        typeMembers(flags, EXIT_METHODS, "com.acme.Fatal#die or #die"),
        flags.get(GracePeriod.FLAG).map(GracePeriod::parse).orElse(GracePeriod.DEFAULT));
  }

  /**
   * Parses {@code ResourceTypes}: {@code com.acme.Pool#drain} makes {@code com.acme.Pool} a
   * resource released by {@code drain()}. The type is required: a release call alone names no
   * resource.
   */
  static ImmutableList<TypeMember> resourceTypes(ErrorProneFlags flags) {
    ImmutableList.Builder<TypeMember> rows = ImmutableList.builder();
    for (String item : flags.getListOrEmpty(RESOURCE_TYPES)) {
      String text = item.strip();
      TypeMember row = TypeMember.parseOrNull(text);
      if (row == null || row.type().isEmpty() || row.member().equals("*") || row.member().equals("<init>")) {
        throw malformed(
            RESOURCE_TYPES, text, "Type#releaseMethod with a fully qualified type, e.g. com.acme.Pool#drain");
      }
      rows.add(row);
    }
    return rows.build();
  }

  /** Parses a comma-separated list of {@code Type#member}; a bare {@code member} means any type. */
  static ImmutableList<TypeMember> typeMembers(ErrorProneFlags flags, String flag, String example) {
    ImmutableList.Builder<TypeMember> rows = ImmutableList.builder();
    for (String item : flags.getListOrEmpty(flag)) {
      String text = item.strip();
      TypeMember row = TypeMember.parseOrNull(text.contains("#") ? text : "#" + text);
      if (row == null) {
        throw malformed(flag, text, "Type#method, e.g. " + example);
      }
      rows.add(row);
    }
    return rows.build();
  }

  static ImmutableList<String> qualifiedNames(ErrorProneFlags flags, String flag, String example) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (String item : flags.getListOrEmpty(flag)) {
      String text = item.strip();
      if (!QUALIFIED_NAME.matcher(text).matches()) {
        throw malformed(flag, text, "a fully qualified annotation name, e.g. " + example);
      }
      names.add(text);
    }
    return names.build();
  }

  /** A misspelled key would otherwise be ignored without a word: fail, naming the keys there are. */
  private static void rejectUnknown(ErrorProneFlags flags) {
    for (String key : flags.getFlagsMap().keySet()) {
      if (key.startsWith(PREFIX) && !KNOWN.contains(key)) {
        throw new IllegalArgumentException(
            String.format(
                "-XepOpt:%s is not a shutdown-check option; the options are -XepOpt:%s=",
                key, String.join("=, -XepOpt:", KNOWN)));
      }
    }
  }

  private static IllegalArgumentException malformed(String flag, String value, String form) {
    return new IllegalArgumentException(
        String.format(
            "-XepOpt:%s has a malformed entry '%s'; expected a comma-separated list of %s",
            flag, value, form));
  }
}
