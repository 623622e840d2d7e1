package dev.shutdowncheck.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The main class {@link ChildJvm} starts: it starts a {@link ThreadDumpOnRequest} watcher, then
 * runs the real main class, which it is given with its arguments, as the java launcher would. The
 * child needs nothing else: no agent, no jcmd, no code of its own.
 *
 * <p>Arguments: the directory of the thread-dump exchange, the main class, its arguments.
 */
final class ChildLauncher {

  private ChildLauncher() {}

  public static void main(String[] args) throws Throwable {
    ThreadDumpOnRequest.watch(Path.of(args[0]));
    Class<?> mainClass = Class.forName(args[1], false, ClassLoader.getSystemClassLoader());
    Method main = mainClass.getMethod("main", String[].class);
    main.setAccessible(true); // the class itself need not be public
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause(); // as if it had been the launcher's main: "Exception in thread main", exit code 1
    }
  }
}
