package com.example.summarizer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Documents in a relational database, through a HikariCP connection pool. */
final class DocumentRepository implements AutoCloseable {

  private final HikariDataSource dataSource;

  DocumentRepository(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(10);
    config.setInitializationFailTimeout(-1);
    dataSource = new HikariDataSource(config);
  }

  Optional<String> text(String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("select body from documents where id = ?")) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  void deleteOlderThanDays(int days) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("delete from documents where created < now() - ? * interval '1 day'")) {
      delete.setInt(1, days);
      delete.executeUpdate();
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
