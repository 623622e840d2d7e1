package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.ElementKind;

/**
 * Amounts of time that the source fixes, folded to their value: literals and constant
 * expressions, {@code static final} fields (their initializers are read where javac has their
 * source), {@code TimeUnit} constants and conversions ({@code SECONDS.toMillis(30)}), {@code
 * Duration} factories and arithmetic ({@code Duration.ofSeconds(20).plusMillis(500)}), and what
 * {@link KnownValues} says locals and parameters hold. Anything else (a deadline computed from the
 * clock, a configured value) is not a constant.
 */
public final class ConstantDurations {

  /** How many variables and calls deep a value is followed. */
  private static final int MAX_DEPTH = 6;

  private static final String DURATION = "java.time.Duration";
  private static final String TIME_UNIT = "java.util.concurrent.TimeUnit";
  private static final String CHRONO_UNIT = "java.time.temporal.ChronoUnit";

  private final VisitorState state;

  private ConstantDurations(VisitorState state) {
    this.state = state;
  }

  /** How long {@code amount unit} is, where both fold to constants ({@code 1000, MILLISECONDS}); else null. */
  public static Duration of(ExpressionTree amount, ExpressionTree unit, KnownValues values, VisitorState state) {
    ConstantDurations folding = new ConstantDurations(state);
    Long number = folding.amount(amount, values, 0);
    TimeUnit timeUnit = number == null ? null : folding.timeUnit(unit, values, 0);
    return timeUnit == null ? null : Duration.ofNanos(timeUnit.toNanos(number));
  }

  /** How long {@code amount} units of {@code unit} are, where {@code amount} folds; else null. */
  public static Duration of(ExpressionTree amount, TimeUnit unit, KnownValues values, VisitorState state) {
    Long number = new ConstantDurations(state).amount(amount, values, 0);
    return number == null ? null : Duration.ofNanos(unit.toNanos(number));
  }

  /** The value of {@code expression}, a {@code java.time.Duration}, where it folds; else null. */
  public static Duration ofDuration(ExpressionTree expression, KnownValues values, VisitorState state) {
    return new ConstantDurations(state).duration(expression, values, 0);
  }

  private Long amount(ExpressionTree expression, KnownValues values, int depth) {
    ExpressionTree tree = unwrap(expression);
    if (tree == null || depth > MAX_DEPTH) {
      return null;
    }
    Object constant = ASTHelpers.constValue(tree);
    if (constant instanceof Number number) {
      return number.longValue();
    }
    if (tree instanceof BinaryTree binary) {
      Long left = amount(binary.getLeftOperand(), values, depth + 1);
      Long right = left == null ? null : amount(binary.getRightOperand(), values, depth + 1);
      return right == null ? null : arithmetic(binary.getKind(), left, right);
    }
    if (tree instanceof MethodInvocationTree call) {
      return convertedAmount(call, values, depth);
    }
    KnownValues.Value value = valueOf(tree, values);
    return value == null ? null : amount(value.expression(), value.context(), depth + 1);
  }

  /** {@code SECONDS.toMillis(30)}, {@code Duration.ofSeconds(20).toMillis()}. */
  private Long convertedAmount(MethodInvocationTree call, KnownValues values, int depth) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method == null || receiver == null) {
      return null;
    }
    String name = method.getSimpleName().toString();
    String owner = method.owner.getQualifiedName().toString();
    if (owner.equals(TIME_UNIT) && call.getArguments().size() == 1) {
      TimeUnit unit = timeUnit(receiver, values, depth + 1);
      Long source = unit == null ? null : amount(call.getArguments().get(0), values, depth + 1);
      return source == null ? null : convert(unit, name, source);
    }
    if (owner.equals(DURATION) && call.getArguments().isEmpty()) {
      Duration duration = duration(receiver, values, depth + 1);
      if (duration == null) {
        return null;
      }
      return switch (name) {
        case "toNanos" -> duration.toNanos();
        case "toMillis" -> duration.toMillis();
        case "toSeconds", "getSeconds" -> duration.getSeconds();
        case "toMinutes" -> duration.toMinutes();
        case "toHours" -> duration.toHours();
        case "toDays" -> duration.toDays();
        default -> null;
      };
    }
    return null;
  }

  private static Long convert(TimeUnit unit, String conversion, long amount) {
    return switch (conversion) {
      case "toNanos" -> unit.toNanos(amount);
      case "toMicros" -> unit.toMicros(amount);
      case "toMillis" -> unit.toMillis(amount);
      case "toSeconds" -> unit.toSeconds(amount);
      case "toMinutes" -> unit.toMinutes(amount);
      case "toHours" -> unit.toHours(amount);
      case "toDays" -> unit.toDays(amount);
      default -> null;
    };
  }

  private static Long arithmetic(Tree.Kind operator, long left, long right) {
    try {
      return switch (operator) {
        case PLUS -> Math.addExact(left, right);
        case MINUS -> Math.subtractExact(left, right);
        case MULTIPLY -> Math.multiplyExact(left, right);
        case DIVIDE -> right == 0 ? null : left / right;
        default -> null;
      };
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE; // practically forever
    }
  }

  private TimeUnit timeUnit(ExpressionTree expression, KnownValues values, int depth) {
    String name = enumConstant(expression, TIME_UNIT);
    if (name != null) {
      try {
        return TimeUnit.valueOf(name);
      } catch (IllegalArgumentException e) {
        return null; // a unit added to TimeUnit after this JDK
      }
    }
    KnownValues.Value value = depth > MAX_DEPTH ? null : valueOf(unwrap(expression), values);
    return value == null ? null : timeUnit(value.expression(), value.context(), depth + 1);
  }

  private ChronoUnit chronoUnit(ExpressionTree expression) {
    String name = enumConstant(expression, CHRONO_UNIT);
    try {
      return name == null ? null : ChronoUnit.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The name of the constant of the enum {@code enumType} that {@code expression} reads, or null. */
  private static String enumConstant(ExpressionTree expression, String enumType) {
    Symbol symbol = ASTHelpers.getSymbol(unwrap(expression));
    return symbol instanceof VarSymbol constant
            && constant.isEnum()
            && constant.owner.getQualifiedName().contentEquals(enumType)
        ? constant.getSimpleName().toString()
        : null;
  }

  private Duration duration(ExpressionTree expression, KnownValues values, int depth) {
    ExpressionTree tree = unwrap(expression);
    if (tree == null || depth > MAX_DEPTH) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol instanceof VarSymbol field
        && field.owner.getQualifiedName().contentEquals(DURATION)
        && field.getSimpleName().contentEquals("ZERO")) {
      return Duration.ZERO;
    }
    if (tree instanceof MethodInvocationTree call) {
      return durationCall(call, values, depth);
    }
    KnownValues.Value value = valueOf(tree, values);
    return value == null ? null : duration(value.expression(), value.context(), depth + 1);
  }

  /** {@code Duration.ofSeconds(20)}, {@code Duration.of(5, SECONDS)}, {@code d.plusMillis(500)}. */
  private Duration durationCall(MethodInvocationTree call, KnownValues values, int depth) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null || !method.owner.getQualifiedName().contentEquals(DURATION)) {
      return null;
    }
    String name = method.getSimpleName().toString();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (name.equals("parse") && arguments.size() == 1) {
      Object text = ASTHelpers.constValue(arguments.get(0));
      try {
        return text instanceof String iso ? Duration.parse(iso) : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    if (name.equals("of") && arguments.size() == 2) {
      Long amount = amount(arguments.get(0), values, depth + 1);
      ChronoUnit unit = chronoUnit(arguments.get(1));
      return amount == null || unit == null ? null : saturated(() -> Duration.of(amount, unit));
    }
    Long[] numbers = new Long[arguments.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = amount(arguments.get(i), values, depth + 1);
    }
    if (method.isStatic()) {
      return arguments.isEmpty() || numbers[0] == null ? null : saturated(() -> factory(name, numbers));
    }
    Duration receiver = duration(ASTHelpers.getReceiver(call), values, depth + 1);
    if (receiver == null) {
      return null;
    }
    if ((name.equals("plus") || name.equals("minus")) && arguments.size() == 1) {
      Duration other = duration(arguments.get(0), values, depth + 1);
      return other == null ? null : saturated(() -> name.equals("plus") ? receiver.plus(other) : receiver.minus(other));
    }
    return arguments.size() != 1 || numbers[0] == null ? null : saturated(() -> arithmetic(receiver, name, numbers[0]));
  }

  private static Duration factory(String name, Long[] numbers) {
    long amount = numbers[0];
    return switch (name) {
      case "ofDays" -> Duration.ofDays(amount);
      case "ofHours" -> Duration.ofHours(amount);
      case "ofMinutes" -> Duration.ofMinutes(amount);
      case "ofSeconds" ->
          numbers.length == 2 && numbers[1] != null
              ? Duration.ofSeconds(amount, numbers[1])
              : numbers.length == 1 ? Duration.ofSeconds(amount) : null;
      case "ofMillis" -> Duration.ofMillis(amount);
      case "ofNanos" -> Duration.ofNanos(amount);
      default -> null;
    };
  }

  private static Duration arithmetic(Duration duration, String name, long amount) {
    return switch (name) {
      case "plusDays" -> duration.plusDays(amount);
      case "plusHours" -> duration.plusHours(amount);
      case "plusMinutes" -> duration.plusMinutes(amount);
      case "plusSeconds" -> duration.plusSeconds(amount);
      case "plusMillis" -> duration.plusMillis(amount);
      case "plusNanos" -> duration.plusNanos(amount);
      case "minusSeconds" -> duration.minusSeconds(amount);
      case "minusMillis" -> duration.minusMillis(amount);
      case "multipliedBy" -> duration.multipliedBy(amount);
      case "dividedBy" -> amount == 0 ? null : duration.dividedBy(amount);
      default -> null;
    };
  }

  /** A duration too long to hold is practically forever. */
  private static Duration saturated(java.util.function.Supplier<Duration> computation) {
    try {
      return computation.get();
    } catch (ArithmeticException e) {
      return ChronoUnit.FOREVER.getDuration();
    }
  }

  /**
   * What a variable read holds: a final field's initializer, where javac has its source, or what
   * {@code values} knows of a local or parameter.
   */
  private KnownValues.Value valueOf(ExpressionTree tree, KnownValues values) {
    if (!(tree instanceof IdentifierTree) && !(tree instanceof MemberSelectTree)) {
      return null;
    }
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!(symbol instanceof VarSymbol variable)) {
      return null;
    }
    if (variable.getKind() == ElementKind.FIELD) {
      ExpressionTree initializer = finalFieldInitializer(variable);
      return initializer == null ? null : new KnownValues.Value(initializer, KnownValues.NONE);
    }
    return values.valueOf(variable);
  }

  private ExpressionTree finalFieldInitializer(VarSymbol field) {
    if ((field.flags() & Flags.FINAL) == 0 || (field.flags() & Flags.STATIC) == 0) {
      return null; // an instance field may be given a different value by each constructor
    }
    VariableTree declaration = SourceTrees.fieldDeclaration(field, state); // null from a class file
    return declaration == null ? null : declaration.getInitializer();
  }

  private static ExpressionTree unwrap(ExpressionTree expression) {
    ExpressionTree tree = expression;
    while (tree instanceof ParenthesizedTree || tree instanceof TypeCastTree) {
      tree =
          tree instanceof ParenthesizedTree parenthesized
              ? parenthesized.getExpression()
              : ((TypeCastTree) tree).getExpression();
    }
    return tree;
  }
}
