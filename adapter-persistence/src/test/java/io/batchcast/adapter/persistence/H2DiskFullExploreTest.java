package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class H2DiskFullExploreTest {

    @Test
    void explore() throws Exception {
        SmallFilesystem fs = SmallFilesystem.mount(32);
        try {
            String url = "jdbc:h2:file:" + fs.root().resolve("batchcast");
            java.time.Clock clock = java.time.Clock.systemUTC();
            Persistence.open(PersistenceSettings.of(url, "", ""), clock).close();
            StorageSpace space = new StorageSpace(Dialect.H2, clock);
            HikariDataSource pool = ConnectionPool.open(PersistenceSettings.of(url, "", "").withPoolSize(2), Dialect.H2, null, space) ;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rows_written (id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
            }
            fs.fill();
            for (int i = 0; i < 20; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.executeUpdate("INSERT INTO rows_written VALUES (" + i + ", CAST(RANDOM_UUID() AS VARBINARY) || SECURE_RAND(1048576))");
                    c.commit();
                    s.execute("CHECKPOINT SYNC");
                    System.out.println("EXPLORE write " + i + " ok");
                } catch (SQLException e) {
                    System.out.println("EXPLORE write " + i + " failed: code " + e.getErrorCode() + " state " + e.getSQLState() + " " + e.getMessage());
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                        System.out.println("EXPLORE   cause " + t.getClass().getName() + ": " + t.getMessage());
                    }
                    System.out.println("EXPLORE   space " + space.fullness(new Transactions(pool)));
                }
            }
            fs.free();
            for (int i = 100; i < 103; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO rows_written VALUES (" + i + ", X'00')");
                    System.out.println("EXPLORE after free " + i + " ok");
                } catch (SQLException e) {
                    System.out.println("EXPLORE after free " + i + " failed: code " + e.getErrorCode() + " " + e.getMessage());
                }
                Thread.sleep(500);
            }
            pool.close();
        } finally {
            fs.close();
        }
    }
}
