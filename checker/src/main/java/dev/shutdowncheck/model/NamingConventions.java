package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Locale;

/**
 * What the names of code nobody modelled say, by convention: the only place where a rule reads
 * meaning into a name. Library knowledge is in {@link LifecycleLibraryModels}, as rows that match
 * symbols; these conventions cover the user's own types and the libraries no model knows.
 */
public final class NamingConventions {

  /** Words that, starting a method's name, say it releases what it is called on or given. */
  private static final ImmutableList<String> RELEASE_WORDS =
      ImmutableList.of(
          "close", "shutdown", "stop", "dispose", "destroy", "release", "terminate",
          "disconnect", "evict", "cleanup", "free");

  private static final ImmutableSet<String> RELEASE_NAMES = ImmutableSet.of("end", "quit");

  /** Words that may come before the release word: {@code safeClose}, {@code quietlyRelease}. */
  private static final ImmutableList<String> RELEASE_QUALIFIERS =
      ImmutableList.of("quietly", "quiet", "safely", "safe", "silently", "silent", "try", "force");

  /**
   * Endings that turn a release word into something else: {@code closeFuture()} returns a future,
   * {@code shutdownHook} is a thread, {@code closeTimeout} a setting.
   */
  private static final ImmutableList<String> NOT_A_RELEASE_ENDINGS =
      ImmutableList.of("future", "listener", "listeners", "hook", "handler", "timeout", "callback", "event");

  /** Prefixes of methods that keep what they are given, taking over its release. */
  private static final ImmutableList<String> HAND_OFF_PREFIXES =
      ImmutableList.of(
          "register", "add", "put", "offer", "push", "manage", "track", "attach", "bind", "adopt");

  /** Prefixes of methods that, by convention, create what they return. */
  private static final ImmutableList<String> CREATING_PREFIXES =
      ImmutableList.of("new", "create", "build", "open", "connect");

  /** Public no-arg methods with these names stop a component even with no interface behind them. */
  private static final ImmutableSet<String> SHUTDOWN_NAMES =
      ImmutableSet.of("close", "shutdown", "stop", "destroy", "dispose", "terminate");

  /**
   * Closeables named for what holds nothing to release: locks and scopes, whose close() ends a
   * critical section; buffers and buffer pools (Okio's {@code Buffer}, Undertow's {@code
   * ByteBufferPool}), which hold memory that the garbage collector reclaims once they are gone.
   */
  private static final ImmutableList<String> NON_RELEASING_TYPE_SUFFIXES =
      ImmutableList.of("Lock", "Scope", "Buffer", "BufferPool");

  /** The word that marks a thread factory as making daemon threads. */
  public static final String DAEMON_MARKER = "daemon";

  private NamingConventions() {}

  /**
   * Whether a method of this name releases what it is called on or given: it starts with a release
   * word ({@code close}, {@code shutdownNow}, {@code closeQuietly}, {@code evictAll}), perhaps
   * after a qualifier ({@code safeClose}), and does not end in a word that makes it something else
   * ({@code closeFuture}).
   */
  public static boolean isReleaseName(String name) {
    if (RELEASE_NAMES.contains(name)) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (NOT_A_RELEASE_ENDINGS.stream().anyMatch(lower::endsWith)) {
      return false;
    }
    for (String qualifier : RELEASE_QUALIFIERS) {
      if (lower.startsWith(qualifier)) {
        lower = lower.substring(qualifier.length());
        break;
      }
    }
    String rest = lower;
    return RELEASE_WORDS.stream().anyMatch(rest::startsWith);
  }

  /** Whether a method of this name keeps what it is given: {@code register}, {@code addChild}. */
  public static boolean isHandOffName(String name) {
    return HAND_OFF_PREFIXES.stream().anyMatch(word -> startsWithWord(name, word));
  }

  /**
   * Whether a method of this name creates the value it returns (a factory or a builder): {@code
   * newClient}, {@code create}, {@code openStream}; not {@code connection()} or {@code builder()}.
   */
  public static boolean isCreatingName(String name) {
    return CREATING_PREFIXES.stream().anyMatch(word -> startsWithWord(name, word));
  }

  /** Whether a camel-case name starts with the whole word {@code word}: {@code addAll}, not {@code address}. */
  private static boolean startsWithWord(String name, String word) {
    return name.startsWith(word)
        && (name.length() == word.length() || !Character.isLowerCase(name.charAt(word.length())));
  }

  /** Whether a public no-arg method of this name stops its component: {@code close}, {@code stop}. */
  public static boolean isShutdownName(String name) {
    return SHUTDOWN_NAMES.contains(name);
  }

  /** Whether a closeable type of this simple name holds nothing to release (a lock, a buffer). */
  public static boolean isNonReleasingTypeName(String simpleName) {
    return NON_RELEASING_TYPE_SUFFIXES.stream().anyMatch(simpleName::endsWith);
  }
}
