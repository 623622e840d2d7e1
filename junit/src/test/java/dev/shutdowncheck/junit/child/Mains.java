package dev.shutdowncheck.junit.child;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/** Main classes that ChildJvmTest runs in child JVMs, each shutting down well or badly. */
public final class Mains {

  private Mains() {}

  static void waitForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  /** Says it is ready; on SIGTERM its hook finishes the work in flight and says so. */
  public static final class Clean {
    public static void main(String[] args) throws InterruptedException {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("drained 3 requests")));
      System.out.println("ready to serve");
      waitForever();
    }
  }

  /** Listens on the port it is given; its hook closes the socket. */
  static final class Listening {
    public static void main(String[] args) throws IOException {
      ServerSocket server = new ServerSocket(Integer.parseInt(args[0]));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
          System.out.println("stopped listening");
        } catch (IOException e) {
          e.printStackTrace();
        }
      }));
      while (true) {
        try (Socket client = server.accept()) {
          client.getOutputStream().write('\n');
        } catch (IOException e) {
          return; // closed by the hook
        }
      }
    }
  }

  /** Its hook calls System.exit, which waits for the hooks to end: one of them is itself. */
  public static final class ExitInHook {
    public static void main(String[] args) throws InterruptedException {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println("stopping");
        System.exit(0);
      }, "exiting-hook"));
      System.out.println("ready");
      waitForever();
    }
  }

  /** Its hook halts the JVM with an error code. */
  public static final class HaltsInHook {
    public static void main(String[] args) throws InterruptedException {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(3)));
      System.out.println("ready");
      waitForever();
    }
  }

  /** Fails while starting. */
  public static final class FailsToStart {
    public static void main(String[] args) {
      throw new IllegalStateException("no configuration");
    }
  }

  /** Never says it is ready. */
  public static final class NeverReady {
    public static void main(String[] args) throws InterruptedException {
      waitForever();
    }
  }
}
