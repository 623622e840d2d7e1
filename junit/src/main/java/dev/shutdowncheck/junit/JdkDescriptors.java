package dev.shutdowncheck.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Descriptors the JDK opens once, at the first use of something, and keeps for the life of the
 * process. Opened before the first test, they are not blamed on the test that happens to use
 * that something first.
 */
final class JdkDescriptors {

  private JdkDescriptors() {}

  /**
   * The socket layer: since Java 22 the first socket makes the JDK open a socket pair that it
   * keeps for closing sockets safely.
   */
  static Boolean openNow() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return Boolean.TRUE;
    } catch (IOException e) {
      return Boolean.FALSE; // no network here: nothing a test could be blamed for either
    }
  }
}
