package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleModel;

/**
 * The shutdown method a class inherits without overriding it, such as the {@code close()} of its
 * superclass or an interface's {@code default close()}: the lifecycle calls it to stop the class,
 * but it was written before the class's own fields and cannot release them.
 */
final class InheritedShutdown {

  private InheritedShutdown() {}

  /** The nearest inherited shutdown method with a body, or null. */
  static MethodSymbol of(Symbol owner, LifecycleModel model, VisitorState state) {
    if (!(owner instanceof ClassSymbol type)) {
      return null;
    }
    for (Type t = type.getSuperclass(); t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      if (c.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      MethodSymbol found = shutdownMethodIn(c, model, state);
      if (found != null) {
        return found;
      }
    }
    for (Type supertype : state.getTypes().closure(type.type)) {
      if (supertype.tsym instanceof ClassSymbol c && c.isInterface()) {
        MethodSymbol found = shutdownMethodIn(c, model, state);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * A method of {@code type} with a body that the lifecycle calls to stop it; deprecated ones, such
   * as {@code Thread.stop()}, are not how anything is stopped.
   */
  static MethodSymbol shutdownMethodIn(ClassSymbol type, LifecycleModel model, VisitorState state) {
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof MethodSymbol method
          && (method.flags() & (Flags.ABSTRACT | Flags.STATIC | Flags.PRIVATE | Flags.DEPRECATED)) == 0
          && model.isShutdownMethod(method, state)) {
        return method;
      }
    }
    return null;
  }
}
