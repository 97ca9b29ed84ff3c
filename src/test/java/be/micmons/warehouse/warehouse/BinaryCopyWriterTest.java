package be.micmons.warehouse.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Binary COPY stores every value as the text COPY stores it: the same rows sent both ways into two
 * tables of PostgreSQL read back the same, to the text of each value.
 */
class BinaryCopyWriterTest extends WarehouseTest {
    private static final String[] TEXTS = {null, "", "prometric", "PRM0156403", "70-480", "tab\there", "back\\slash",
            "line\nbreak", "cr\rx", "nul\u0000in", "é à ç Ł", "日本語", "emoji \uD83D\uDE00", "lone \uD800 high",
            "lone \uDC00 low", "end \uD83D", "a".repeat(70_000)};
    private static final BigDecimal[] NUMERICS = {null, BigDecimal.ZERO, new BigDecimal("700"), new BigDecimal("82.50"),
            new BigDecimal("7E+2"), new BigDecimal("-1.5"), new BigDecimal("0.001"), new BigDecimal("1E-20"),
            new BigDecimal("123456789012345678901234567890.123456789"), new BigDecimal("-0.00"), new BigDecimal("10000"),
            new BigDecimal("99999999.9999")};
    private static final LocalDate[] DATES = {null, LocalDate.of(2009, 1, 23), LocalDate.of(2000, 1, 1),
            LocalDate.of(1999, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(999, 5, 6), LocalDate.of(2024, 2, 29),
            LocalDate.of(1, 1, 1)};
    private static final OffsetDateTime[] TIMES = {null,
            OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 123_456_000, ZoneOffset.ofHours(1)),
            OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
            OffsetDateTime.of(1969, 7, 20, 20, 17, 40, 1_000, ZoneOffset.ofHoursMinutes(-5, -30)),
            OffsetDateTime.of(2030, 6, 1, 12, 0, 0, 1_500, ZoneOffset.UTC),
            OffsetDateTime.of(2030, 6, 1, 12, 0, 0, 2_500, ZoneOffset.UTC),
            OffsetDateTime.of(1990, 6, 1, 12, 0, 0, 2_501, ZoneOffset.UTC)};

    @Test
    void binaryRowsReadBackAsTheTextRows() throws Exception {
        Random random = new Random(17);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(new Object[] {(long) i, random.nextLong(), pick(random, TEXTS), pick(random, DATES),
                    pick(random, NUMERICS), random.nextBoolean(), pick(random, TIMES), random.nextBoolean() ? null : random.nextLong()});
        }
        try (Connection c = jdbc.getDataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                jdbc(c, "create temp table as_text (ord int8, n int8, t text, d date, x numeric, b bool, ts timestamptz, m int8)"
                        + " on commit drop");
                jdbc(c, "create temp table as_binary (like as_text) on commit drop");
                try (CopyWriter copy = new CopyWriter(c, "COPY as_text FROM STDIN")) {
                    for (Object[] r : rows) {
                        copy.row(r);
                    }
                    assertThat(copy.finish()).isEqualTo(rows.size());
                }
                try (BinaryCopyWriter copy = new BinaryCopyWriter(c, "COPY as_binary FROM STDIN (FORMAT binary)", 8)) {
                    for (Object[] r : rows) {
                        copy.int8((Long) r[0]).int8((long) (Long) r[1]).text((String) r[2]).date((LocalDate) r[3])
                                .numeric((BigDecimal) r[4]).bool((Boolean) r[5]).timestamptz((OffsetDateTime) r[6])
                                .int8((Long) r[7]).endRow();
                    }
                    assertThat(copy.finish()).isEqualTo(rows.size());
                }
                List<String> differ = new ArrayList<>();
                try (var st = c.createStatement(); var rs = st.executeQuery("""
                        select coalesce(a::text, '-') || ' | ' || coalesce(z::text, '-')
                        from as_text a full join as_binary z on z.ord = a.ord
                        where a::text is distinct from z::text order by coalesce(a.ord, z.ord) limit 5""")) {
                    while (rs.next()) {
                        differ.add(rs.getString(1));
                    }
                }
                assertThat(differ).isEmpty();
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "select count(*), count(distinct x::text), count(distinct ts), count(distinct t) from as_binary")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(rows.size());
                    // every value was sent: 7E+2 reads as 700, and 1.5 and 2.5 µs both round to 2 µs
                    assertThat(rs.getLong(2)).as("numerics").isEqualTo(NUMERICS.length - 2);
                    assertThat(rs.getLong(3)).as("timestamps").isEqualTo(TIMES.length - 2);
                    assertThat(rs.getLong(4)).as("texts").isEqualTo(TEXTS.length - 1);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void bytesAreStoredAsTheyAre() throws Exception {
        Random random = new Random(23);
        List<byte[]> values = new ArrayList<>();
        values.add(null);
        values.add(new byte[0]);
        values.add(new byte[] {0, -1, (byte) 0xab, 0x10});
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            values.add(b);
        }
        try (Connection c = jdbc.getDataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                jdbc(c, "create temp table hashes (ord int8, h bytea) on commit drop");
                try (BinaryCopyWriter copy = new BinaryCopyWriter(c, "COPY hashes FROM STDIN (FORMAT binary)", 2)) {
                    for (int i = 0; i < values.size(); i++) {
                        copy.int8(i).bytea(values.get(i)).endRow();
                    }
                    copy.finish();
                }
                // the same values as hex text, decoded by PostgreSQL, against what the COPY stored
                String[] hex = values.stream().map(b -> b == null ? null : HexFormat.of().formatHex(b)).toArray(String[]::new);
                List<String> differ = new ArrayList<>();
                try (var st = c.prepareStatement("select x.ord - 1, x.hex from unnest(?::text[]) with ordinality x (hex, ord)"
                        + " full join hashes h on h.ord = x.ord - 1 where h.h is distinct from decode(x.hex, 'hex')"
                        + " or h.ord is null or x.ord is null")) {
                    st.setArray(1, c.createArrayOf("text", hex));
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            differ.add(rs.getLong(1) + ": " + rs.getString(2));
                        }
                    }
                }
                assertThat(differ).isEmpty();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void jdbc(Connection c, String sql) throws java.sql.SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
