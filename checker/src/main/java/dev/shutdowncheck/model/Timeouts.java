package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which arguments of a call that waits say for how long: a {@code Duration}; a {@code (long,
 * TimeUnit)} pair, the amount just before the unit ({@code poll(5, SECONDS)}, {@code
 * tryAcquire(permits, 5, SECONDS)}, Netty's {@code shutdownGracefully(quietPeriod, timeout,
 * unit)}); a {@code TimeUnit} receiver ({@code SECONDS.sleep(5)}); or a lone {@code long} of
 * milliseconds ({@code Thread.sleep(500)}, {@code join(1000)}).
 */
public final class Timeouts {

  /** Servers whose stop takes its delay as an {@code int} of seconds. */
  private static final ImmutableList<TypeMember> STOPS_IN_SECONDS =
      TypeMember.parseAll("com.sun.net.httpserver.HttpServer#stop");

  private static final String TIME_UNIT = "java.util.concurrent.TimeUnit";
  private static final String DURATION = "java.time.Duration";

  private Timeouts() {}

  /**
   * The arguments that bound a wait: folded to a duration once their values are known. {@code
   * zeroIsForever}: the wait takes 0 as no deadline ({@code Thread.join(0)}, {@code wait(0)}).
   */
  public record Timeout(
      ExpressionTree amount, ExpressionTree unit, TimeUnit fixedUnit, ExpressionTree duration, boolean zeroIsForever) {

    /** How long the wait lasts at most, or null where the arguments are not constants. */
    public Duration fold(KnownValues values, VisitorState state) {
      if (duration != null) {
        return ConstantDurations.ofDuration(duration, values, state);
      }
      return fixedUnit != null
          ? ConstantDurations.of(amount, fixedUnit, values, state)
          : ConstantDurations.of(amount, unit, values, state);
    }

    /** Whether the wait, given {@code folded}, has no deadline or a practically infinite one. */
    public boolean isForever(Duration folded) {
      return (zeroIsForever && folded.isZero()) || folded.compareTo(BlockingWaits.PRACTICALLY_INFINITE) > 0;
    }
  }

  /** The timeout that {@code call} is given, or null where it takes none. */
  public static Timeout of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return null;
    }
    List<VarSymbol> parameters = method.getParameters();
    List<? extends ExpressionTree> arguments = call.getArguments();
    int count = Math.min(parameters.size(), arguments.size());
    if (count > 0 && isNumber(parameters.get(0)) && TypeMember.anyMatches(STOPS_IN_SECONDS, method, state)) {
      return new Timeout(arguments.get(0), null, TimeUnit.SECONDS, null, false);
    }
    for (int i = 0; i < count; i++) {
      if (TypeMember.isSubtypeOfNamed(parameters.get(i).type, DURATION, state)) {
        return new Timeout(null, null, null, arguments.get(i), false);
      }
      if (i > 0
          && isNumber(parameters.get(i - 1))
          && TypeMember.isSubtypeOfNamed(parameters.get(i).type, TIME_UNIT, state)) {
        return new Timeout(arguments.get(i - 1), arguments.get(i), null, null, false);
      }
    }
    for (int i = 0; i < count; i++) {
      if (parameters.get(i).type.getTag() == TypeTag.LONG) {
        return method.owner.getQualifiedName().contentEquals(TIME_UNIT)
            ? new Timeout(arguments.get(i), ASTHelpers.getReceiver(call), null, null, false)
            : new Timeout(arguments.get(i), null, TimeUnit.MILLISECONDS, null, BlockingWaits.isZeroForever(method));
      }
    }
    return null;
  }

  private static boolean isNumber(VarSymbol parameter) {
    TypeTag tag = parameter.type.getTag();
    return tag == TypeTag.LONG || tag == TypeTag.INT;
  }
}
