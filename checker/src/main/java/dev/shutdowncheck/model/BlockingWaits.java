package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls that block the calling thread until something else happens, and whether a given call has a
 * deadline. An overload is bounded when it takes a timeout ({@code long}, {@code TimeUnit} or
 * {@code Duration}), unless that timeout is zero where zero means "forever" ({@code
 * Thread.join(0)}, {@code Object.wait(0)}) or is practically infinite (more than a day).
 */
public final class BlockingWaits {

  /**
   * Blocking calls, by the type that declares them (the overloads without a timeout never end on
   * their own); calls that return a future completing by its own deadline; blocking puts, which
   * wait only while the queue is full. From the library models.
   */
  private static final ImmutableList<TypeMember> WAITS = LibraryModels.BUILT_IN.blockingWaits;

  private static final ImmutableList<TypeMember> SELF_BOUNDED_FUTURES =
      LibraryModels.BUILT_IN.selfBoundedFutures;

  private static final ImmutableList<TypeMember> PUTS = LibraryModels.BUILT_IN.blockingPuts;

  private static final ImmutableList<TypeMember> WATCHDOG_STARTS = LibraryModels.BUILT_IN.watchdogStarts;

  /** Queues whose {@code put} may block: always, or when made with an {@code int} capacity. */
  private static final ImmutableList<String> ALWAYS_BOUNDED_QUEUES =
      ImmutableList.of("java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.SynchronousQueue");

  private static final ImmutableList<String> OPTIONALLY_BOUNDED_QUEUES =
      ImmutableList.of("java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque");

  /** Longer timeouts than this are practically infinite: the platform kills the process first. */
  static final Duration PRACTICALLY_INFINITE = Duration.ofDays(1);

  /** What a queue's creation says about whether {@code put} can block on it. */
  public enum Capacity {
    BOUNDED,
    UNBOUNDED,
    UNKNOWN
  }

  private BlockingWaits() {}

  /**
   * Whether the code at {@code path} runs in the statement right after a watchdog's start, in its
   * method: {@code timeout.enter(); try { waitForIo(); } finally { timeout.exit(); }}, Okio's idiom,
   * where the watchdog ends the wait when the timeout passes. Only the next statement: one after
   * the {@code try} runs once the watchdog is stopped again.
   */
  public static boolean followsWatchdogStart(TreePath path, VisitorState state) {
    TreePath child = path;
    for (TreePath p = path.getParentPath(); p != null; child = p, p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof BlockTree block) {
        int index = block.getStatements().indexOf(child.getLeaf());
        if (index > 0
            && block.getStatements().get(index - 1) instanceof ExpressionStatementTree previous
            && previous.getExpression() instanceof MethodInvocationTree start
            && TypeMember.anyMatches(WATCHDOG_STARTS, ASTHelpers.getSymbol(start), state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code call} blocks with no deadline, or with a practically infinite one. */
  public static boolean isUnboundedWait(ExpressionTree call, VisitorState state) {
    MethodSymbol method = methodOf(call);
    if (method == null || !TypeMember.anyMatches(WAITS, method, state)) {
      return false;
    }
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation ? invocation.getArguments() : List.of();
    return !hasTimeoutParameter(method, state) || timeoutIsInfinite(method, arguments);
  }

  /**
   * Whether {@code call} returns a future that completes by its own deadline: {@code
   * f.orTimeout(..)}, Netty's graceful shutdown, or any call that is given a timeout and returns
   * a future, such as {@code client.shutdownAsync(quietPeriod, timeout, unit)}.
   */
  public static boolean returnsSelfBoundedFuture(ExpressionTree call, VisitorState state) {
    MethodSymbol method = methodOf(call);
    if (method == null) {
      return false;
    }
    return TypeMember.anyMatches(SELF_BOUNDED_FUTURES, method, state)
        || (hasTimeoutParameter(method, state)
            && (TypeMember.isSubtypeOfNamed(method.getReturnType(), "java.util.concurrent.Future", state)
                || TypeMember.isSubtypeOfNamed(
                    method.getReturnType(), "java.util.concurrent.CompletionStage", state)));
  }

  /** Whether {@code call} blocks with a deadline short enough to matter, such as {@code get(5, SECONDS)}. */
  public static boolean isBoundedWait(ExpressionTree call, VisitorState state) {
    MethodSymbol method = methodOf(call);
    return method != null
        && TypeMember.anyMatches(WAITS, method, state)
        && hasTimeoutParameter(method, state)
        && !isUnboundedWait(call, state);
  }

  /** Whether {@code call} joins a thread: {@code thread.join()}, with or without a timeout. */
  public static boolean isThreadJoin(ExpressionTree call, VisitorState state) {
    MethodSymbol method = methodOf(call);
    return method != null
        && method.getSimpleName().contentEquals("join")
        && TypeMember.isSubtypeOfNamed(method.owner.type, "java.lang.Thread", state);
  }

  /** Whether {@code call} is a blocking put, which waits only while its queue is full. */
  public static boolean isBlockingPut(ExpressionTree call, VisitorState state) {
    MethodSymbol method = methodOf(call);
    return method != null && TypeMember.anyMatches(PUTS, method, state) && !hasTimeoutParameter(method, state);
  }

  /** Whether a queue made by {@code creation} has a capacity, so that {@code put} may block. */
  public static Capacity queueCapacity(ExpressionTree creation, VisitorState state) {
    Type type = ASTHelpers.getType(creation);
    for (String queue : ALWAYS_BOUNDED_QUEUES) {
      if (TypeMember.isSubtypeOfNamed(type, queue, state)) {
        return Capacity.BOUNDED;
      }
    }
    if (!(ASTHelpers.stripParentheses(creation) instanceof NewClassTree)) {
      return Capacity.UNKNOWN;
    }
    MethodSymbol constructor = methodOf(ASTHelpers.stripParentheses(creation));
    for (String queue : OPTIONALLY_BOUNDED_QUEUES) {
      if (constructor != null && TypeMember.isSubtypeOfNamed(type, queue, state)) {
        List<VarSymbol> parameters = constructor.getParameters();
        boolean withCapacity =
            !parameters.isEmpty() && parameters.get(0).type.getTag() == TypeTag.INT;
        return withCapacity ? Capacity.BOUNDED : Capacity.UNBOUNDED;
      }
    }
    // The other JDK queues (LinkedTransferQueue, PriorityBlockingQueue, DelayQueue) never fill up.
    return type != null
            && type.tsym.packge().getQualifiedName().contentEquals("java.util.concurrent")
            && TypeMember.isSubtypeOfNamed(type, "java.util.concurrent.BlockingQueue", state)
        ? Capacity.UNBOUNDED
        : Capacity.UNKNOWN;
  }

  private static MethodSymbol methodOf(ExpressionTree call) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    return symbol instanceof MethodSymbol method ? method : null;
  }

  /** Whether {@code method} takes a timeout: a {@code long}, a {@code TimeUnit} or a {@code Duration}. */
  public static boolean hasTimeoutParameter(MethodSymbol method, VisitorState state) {
    for (VarSymbol parameter : method.getParameters()) {
      if (parameter.type.getTag() == TypeTag.LONG
          || TypeMember.isSubtypeOfNamed(parameter.type, "java.util.concurrent.TimeUnit", state)
          || TypeMember.isSubtypeOfNamed(parameter.type, "java.time.Duration", state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the constant timeout passed is forever: {@code (long, TimeUnit)} of more than a day,
   * or a lone {@code long} of milliseconds that is zero or more than a day.
   */
  private static boolean timeoutIsInfinite(MethodSymbol method, List<? extends ExpressionTree> arguments) {
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      if (parameters.get(i).type.getTag() != TypeTag.LONG) {
        continue;
      }
      Long amount = longConstant(arguments.get(i));
      if (amount == null) {
        return false;
      }
      TimeUnit unit = i + 1 < arguments.size() ? timeUnitConstant(arguments.get(i + 1)) : null;
      if (unit == null && i + 1 < parameters.size() && parameters.get(i + 1).type.getTag() != TypeTag.INT) {
        return false; // a unit that is not a constant: no telling
      }
      if (unit == null) {
        // Thread.join(millis), Object.wait(millis[, nanos]), Netty's await(millis): 0 is forever.
        unit = TimeUnit.MILLISECONDS;
        if (amount == 0 && isZeroForever(method)) {
          return true;
        }
      }
      return amount == Long.MAX_VALUE || unit.toSeconds(amount) > PRACTICALLY_INFINITE.toSeconds();
    }
    return false;
  }

  /** Whether {@code method} takes a timeout of 0 as no deadline: {@code Thread.join(0)}, {@code wait(0)}. */
  static boolean isZeroForever(MethodSymbol method) {
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    return (owner.equals("java.lang.Thread") && name.equals("join"))
        || (owner.equals("java.lang.Object") && name.equals("wait"));
  }

  /** How long {@code amount unit} is where both are constants ({@code 1000, MILLISECONDS}), else null. */
  public static Duration constantDuration(ExpressionTree amount, ExpressionTree unit) {
    Long value = longConstant(amount);
    TimeUnit timeUnit = timeUnitConstant(unit);
    return value == null || timeUnit == null ? null : Duration.ofNanos(timeUnit.toNanos(value));
  }

  private static Long longConstant(ExpressionTree argument) {
    Object value = ASTHelpers.constValue(argument);
    return value instanceof Number number ? number.longValue() : null;
  }

  private static TimeUnit timeUnitConstant(ExpressionTree argument) {
    Symbol symbol = ASTHelpers.getSymbol(argument);
    if (!(symbol instanceof VarSymbol constant)
        || !constant.isEnum()
        || !constant.owner.getQualifiedName().contentEquals("java.util.concurrent.TimeUnit")) {
      return null;
    }
    try {
      return TimeUnit.valueOf(constant.getSimpleName().toString());
    } catch (IllegalArgumentException e) {
      return null; // a constant added to TimeUnit after this JDK
    }
  }
}
