package be.micmons.warehouse.exams;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The test-centre database as camel-sql's {@code dataSource}: a HikariCP pool for the current
 * {@code mic.exam-db.*} settings, opened on first use and replaced when they change. Connections
 * are read-only and not auto-committed, so PostgreSQL streams a large result by the fetch size.
 * Not a Spring bean (the warehouse stays the only {@code DataSource} of the context): it is bound
 * in Camel's registry as {@code examDbDataSource}.
 */
final class ExamDbDataSource extends AbstractDataSource implements AutoCloseable {
    private ExamDbProperties settings;
    private HikariDataSource pool;

    /** Points the pool at these settings (a new pool when they differ from the last ones). */
    synchronized void use(ExamDbProperties s) {
        if (s.equals(settings)) {
            return;
        }
        close();
        HikariConfig c = new HikariConfig();
        c.setPoolName("exam-db");
        c.setJdbcUrl(s.url());
        c.setUsername(s.username());
        c.setPassword(s.password());
        c.setAutoCommit(false);
        c.setReadOnly(true);
        c.setMaximumPoolSize(2);
        c.setMinimumIdle(0);
        c.setIdleTimeout(60_000);
        c.setConnectionTimeout(5_000);
        c.setInitializationFailTimeout(-1); // an unreachable database fails the pull, not the start
        pool = new HikariDataSource(c);
        settings = s;
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (pool == null) {
            throw new SQLException("the test-centre database is not configured (mic.exam-db.url)");
        }
        return pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the test-centre pool uses mic.exam-db.username and password");
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
            settings = null;
        }
    }
}
