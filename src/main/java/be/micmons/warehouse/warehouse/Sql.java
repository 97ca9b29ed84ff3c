package be.micmons.warehouse.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Small JDBC helpers for loaders working on the import's own connection; SQL text lives in .sql resources. */
public final class Sql {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    /** The text of a classpath resource such as {@code sql/incubators/count-duplicates.sql}. */
    public static String resource(String path) {
        return CACHE.computeIfAbsent(path, p -> {
            try (InputStream in = Sql.class.getClassLoader().getResourceAsStream(p)) {
                if (in == null) {
                    throw new IllegalStateException("missing SQL resource " + p);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static long update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeLargeUpdate();
        }
    }

    /** A single number (count(*) and the like); 0 when the query gives no row or null. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
