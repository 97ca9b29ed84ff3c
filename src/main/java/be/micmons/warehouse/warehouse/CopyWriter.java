package be.micmons.warehouse.warehouse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN} (text format) on the caller's
 * connection, so staging a file costs one round trip per buffer, never one per row.
 */
public final class CopyWriter implements AutoCloseable {
    private final PGCopyOutputStream out;
    private final BufferedWriter w;
    private long rows;
    private boolean first = true;

    /** @param copySql e.g. {@code COPY t (a, b) FROM STDIN} */
    public CopyWriter(Connection connection, String copySql) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.out = new PGCopyOutputStream(pg, copySql, 1 << 16);
        this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes the next field of the current row; null becomes SQL NULL. */
    public CopyWriter field(Object value) {
        try {
            if (!first) {
                w.write('\t');
            }
            first = false;
            if (value == null) {
                w.write("\\N");
            } else if (value instanceof LocalDate || value instanceof Number || value instanceof Boolean) {
                w.write(value.toString());
            } else {
                escape(value.toString());
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the current row. */
    public void endRow() {
        try {
            w.write('\n');
            first = true;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole row. */
    public void row(Object... values) {
        for (Object v : values) {
            field(v);
        }
        endRow();
    }

    public long rows() {
        return rows;
    }

    private void escape(String s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> w.write("\\\\");
                case '\t' -> w.write("\\t");
                case '\n' -> w.write("\\n");
                case '\r' -> w.write("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL
                default -> w.write(c);
            }
        }
    }

    /** Ends the COPY; returns the number of rows PostgreSQL took. */
    public long finish() throws IOException, SQLException {
        w.flush();
        return out.endCopy();
    }

    @Override
    public void close() throws IOException {
        if (out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
