package be.micmons.warehouse.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN} (text format) on the caller's
 * connection. The caller formats rows into 64 KiB chunks; a second thread encodes and sends them
 * ({@link CopyStream}), so parsing a file and feeding PostgreSQL use both cores. Memory stays
 * bounded (a few chunks). {@link BinaryCopyWriter} is the same in PostgreSQL's binary format.
 */
public final class CopyWriter implements AutoCloseable {
    private static final int CHUNK_CHARS = 1 << 16;

    private final CopyStream<StringBuilder> stream;
    private StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
    private boolean first = true;

    /** @param copySql e.g. {@code COPY t (a, b) FROM STDIN} */
    public CopyWriter(Connection connection, String copySql) throws SQLException {
        this.stream = new CopyStream<>(connection, copySql,
                (sb, out) -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the next field of the current row; null becomes SQL NULL. */
    public CopyWriter field(Object value) {
        if (value instanceof String s) {
            return field(s);
        }
        if (value instanceof LocalDate d) {
            return field(d);
        }
        separate();
        if (value == null) {
            chunk.append("\\N");
        } else if (value instanceof Number || value instanceof Boolean) {
            chunk.append(value);
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** A text field, escaped for COPY; null becomes SQL NULL. */
    public CopyWriter field(String value) {
        separate();
        if (value == null) {
            chunk.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    /** A date as yyyy-MM-dd, without building a string; null becomes SQL NULL. */
    public CopyWriter field(LocalDate date) {
        separate();
        if (date == null) {
            chunk.append("\\N");
            return this;
        }
        int y = date.getYear();
        if (y < 1000 || y > 9999) {
            chunk.append(date);
            return this;
        }
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        chunk.append(y).append('-').append((char) ('0' + m / 10)).append((char) ('0' + m % 10))
                .append('-').append((char) ('0' + d / 10)).append((char) ('0' + d % 10));
        return this;
    }

    private void separate() {
        if (!first) {
            chunk.append('\t');
        }
        first = false;
    }

    /** Ends the current row. */
    public void endRow() {
        chunk.append('\n');
        first = true;
        if (chunk.length() >= CHUNK_CHARS) {
            stream.handOff(chunk);
            chunk = new StringBuilder(CHUNK_CHARS + 1024);
        }
    }

    /** Writes a whole row. */
    public void row(Object... values) {
        for (Object v : values) {
            field(v);
        }
        endRow();
    }

    private void escape(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) { // the usual value needs no escaping: append it whole
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
                break;
            }
            i++;
        }
        if (i == n) {
            chunk.append(s);
            return;
        }
        chunk.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> chunk.append("\\\\");
                case '\t' -> chunk.append("\\t");
                case '\n' -> chunk.append("\\n");
                case '\r' -> chunk.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL
                default -> chunk.append(c);
            }
        }
    }

    /** Sends what is left, waits for the sender and ends the COPY; returns the rows PostgreSQL took. */
    public long finish() throws IOException, SQLException {
        if (!chunk.isEmpty()) {
            stream.handOff(chunk);
            chunk = new StringBuilder();
        }
        return stream.finish();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
