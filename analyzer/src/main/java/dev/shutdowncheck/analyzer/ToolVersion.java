package dev.shutdowncheck.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of shutdown-check, as SARIF's {@code tool.driver.version} names it. */
public final class ToolVersion {

  private static final String VERSION = read();

  private ToolVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("the analyzer jar lacks its version.properties");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
