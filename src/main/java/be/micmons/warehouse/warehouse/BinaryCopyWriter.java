package be.micmons.warehouse.warehouse;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.postgresql.util.ByteConverter;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}: each value is sent
 * as PostgreSQL stores it, so the server parses no text (a million exam rows: 1.6 s of the
 * server's time instead of 2.3 s). The caller writes the fields of each row in the order of the
 * COPY's column list, with the method of each column's type: int8, text, date, numeric, bool,
 * timestamptz. Same transport as {@link CopyWriter} ({@link CopyStream}).
 */
public final class BinaryCopyWriter implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01, day 0 of PostgreSQL's dates and timestamps. */
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;

    /** A filled part of a buffer, handed to the sender. */
    private record Chunk(byte[] bytes, int length) {}

    private final CopyStream<Chunk> stream;
    private final int columns;
    private byte[] buf = new byte[CHUNK_BYTES + 1024];
    private int pos;
    private int fields;

    /**
     * @param copySql e.g. {@code COPY t (a, b) FROM STDIN (FORMAT binary)}
     * @param columns how many columns the list names: every row has as many fields
     */
    public BinaryCopyWriter(Connection connection, String copySql, int columns) throws SQLException {
        this.stream = new CopyStream<>(connection, copySql, (c, out) -> out.write(c.bytes(), 0, c.length()));
        this.columns = columns;
        System.arraycopy(SIGNATURE, 0, buf, 0, SIGNATURE.length);
        pos = SIGNATURE.length;
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    public BinaryCopyWriter int8(long value) {
        begin(12);
        putInt(8);
        putLong(value);
        return this;
    }

    /** An int8, or NULL. */
    public BinaryCopyWriter int8(Long value) {
        return value == null ? nul() : int8(value.longValue());
    }

    public BinaryCopyWriter bool(boolean value) {
        begin(5);
        putInt(1);
        buf[pos++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A date, or NULL: its day counted from 2000-01-01. */
    public BinaryCopyWriter date(LocalDate value) {
        if (value == null) {
            return nul();
        }
        begin(8);
        putInt(4);
        putInt(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAY));
        return this;
    }

    /**
     * A timestamptz, or NULL: microseconds from 2000-01-01 UTC, rounded half to even as PostgreSQL
     * rounds a text timestamp's fraction.
     */
    public BinaryCopyWriter timestamptz(OffsetDateTime value) {
        if (value == null) {
            return nul();
        }
        long micros = Math.addExact(Math.multiplyExact(value.toEpochSecond() - PG_EPOCH_SECOND, 1_000_000L),
                value.getNano() / 1000);
        int rest = value.getNano() % 1000;
        if (rest > 500 || rest == 500 && (micros & 1) == 1) {
            micros++;
        }
        begin(12);
        putInt(8);
        putLong(micros);
        return this;
    }

    /** A numeric, or NULL, in PostgreSQL's base-10000 form (pgjdbc's encoder), keeping its scale. */
    public BinaryCopyWriter numeric(BigDecimal value) {
        if (value == null) {
            return nul();
        }
        byte[] bytes = ByteConverter.numeric(value);
        begin(4 + bytes.length);
        putInt(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /**
     * A text, or NULL, in UTF-8. A NUL character is left out, as {@link CopyWriter} leaves it out
     * (PostgreSQL text cannot hold it); an unpaired surrogate becomes '?', as String.getBytes makes it.
     */
    public BinaryCopyWriter text(String value) {
        if (value == null) {
            return nul();
        }
        int n = value.length();
        begin(4 + 3 * n);
        int lengthAt = pos;
        pos += 4;
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c != 0) {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))
                        ? Character.toCodePoint(c, value.charAt(++i)) : -1;
                if (cp < 0) {
                    b[p++] = '?';
                } else {
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                }
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        ByteConverter.int4(b, lengthAt, p - pos);
        pos = p;
        return this;
    }

    /** A bytea, or NULL. */
    public BinaryCopyWriter bytea(byte[] value) {
        if (value == null) {
            return nul();
        }
        begin(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, buf, pos, value.length);
        pos += value.length;
        return this;
    }

    /** SQL NULL. */
    public BinaryCopyWriter nul() {
        begin(4);
        putInt(-1);
        return this;
    }

    /** Ends the current row, which must have had a field for every column. */
    public void endRow() {
        if (fields != columns) {
            throw new IllegalStateException("a row of " + fields + " fields for " + columns + " columns");
        }
        fields = 0;
        if (pos >= CHUNK_BYTES) {
            stream.handOff(new Chunk(buf, pos));
            buf = new byte[CHUNK_BYTES + 1024];
            pos = 0;
        }
    }

    /** Room for a field of at most {@code bytes} bytes, after the row's field count if it is the first. */
    private void begin(int bytes) {
        if (fields == columns) {
            throw new IllegalStateException("more fields than the " + columns + " columns; endRow() missing?");
        }
        int need = pos + bytes + 2;
        if (need > buf.length) {
            byte[] larger = new byte[Math.max(need, buf.length * 2)];
            System.arraycopy(buf, 0, larger, 0, pos);
            buf = larger;
        }
        if (fields++ == 0) {
            ByteConverter.int2(buf, pos, columns);
            pos += 2;
        }
    }

    private void putInt(int v) {
        ByteConverter.int4(buf, pos, v);
        pos += 4;
    }

    private void putLong(long v) {
        ByteConverter.int8(buf, pos, v);
        pos += 8;
    }

    /** Sends what is left and the trailer, waits for the sender and ends the COPY; the rows PostgreSQL took. */
    public long finish() throws SQLException {
        if (fields != 0) {
            throw new IllegalStateException("the last row was not ended");
        }
        if (pos + 2 > buf.length) {
            stream.handOff(new Chunk(buf, pos));
            buf = new byte[2];
            pos = 0;
        }
        ByteConverter.int2(buf, pos, -1);
        pos += 2;
        stream.handOff(new Chunk(buf, pos));
        buf = null;
        return stream.finish();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
