package com.example.summarizer;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Stands in for PostgreSQL's driver in tests: it takes the service's JDBC URL and refuses every
 * connection, as a database that is down would. The connection pool still starts its threads.
 */
public final class NoDatabaseDriver implements Driver {

  static final String URL = "jdbc:none:documents";

  static {
    try {
      DriverManager.registerDriver(new NoDatabaseDriver()); // as JDBC drivers do when loaded
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    throw new SQLException("no database in this test");
  }

  @Override
  public boolean acceptsURL(String url) {
    return url.startsWith("jdbc:none:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
