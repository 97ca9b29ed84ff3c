package be.micmons.warehouse.exams;

import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.warehouse.BinaryCopyWriter;
import be.micmons.warehouse.warehouse.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams normalized exam rows with binary COPY straight into {@code core.exam_record} (every row
 * is kept with its lineage and identity is derived by views, so there is nothing to merge: a
 * staging copy would only write each row twice), then counts the rows that repeat what was already
 * delivered.
 */
final class ExamStage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExamStage.class);
    private static final long ANALYZE_FROM_ROWS = 10_000;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Up to this many export rows, their repeats are counted here (at most 16 MB); beyond, in SQL. */
    static final int COUNTED_IN_JAVA_ROWS = 2_000_000;
    /** The content hashes are sorted by blocks of this many as they come (see {@link #contents}). */
    private static final int SORTED_BLOCK = 1 << 14;
    private final Connection connection;
    private final long importId;
    private final BinaryCopyWriter copy;
    private long staged;
    /**
     * The content hashes of the export rows staged so far, to count the import's own repeats at the
     * end (0.4 s less after the COPY of 1M rows than a distinct count in SQL); null once there are
     * too many, or when the import holds database rows, whose repeats SQL counts. Appended as rows
     * stream and sorted, not put in a hash set: probing one on every row cost the streaming thread a
     * seventh of its time in cache misses (lab, 1M rows). Each full block of
     * {@link #SORTED_BLOCK} is sorted as it fills, while the JIT is warm and the block in cache; the
     * last sort only merges the sorted runs: 40-60 ms at the end of 1M rows instead of 210-270 ms
     * for one cold sort of the whole array (a fresh JVM, 989,409 hashes).
     */
    private long[] contents = new long[1 << 16];
    private int contentCount;

    ExamStage(Connection connection, long importId) throws SQLException {
        this.connection = connection;
        this.importId = importId;
        // large exports sort in memory rather than on disk; SET LOCAL ends with the import's transaction
        Sql.run(connection, "set local work_mem = '128MB'");
        // the count below runs once per import: compiling it to machine code (about 0.1 s) never pays
        Sql.run(connection, "set local jit = off");
        this.copy = new BinaryCopyWriter(connection, "COPY core.exam_record (import_id, line_no, provider, registration_id,"
                + " candidate_hash, person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result,"
                + " passed, db_id, db_updated_at, content_hash) FROM STDIN (FORMAT binary)", 17);
    }

    void add(long lineNo, ExamSitting s) {
        long contentHash = contentHash(s);
        copy.int8(importId).int8(lineNo).text(s.provider()).text(s.registrationId())
                .bytea(s.candidateHash()).bytea(s.personHash()).text(s.examCode()).text(s.examTitle())
                .date(s.examDate()).text(s.status()).numeric(s.score()).numeric(s.passingScore())
                .text(s.result()).bool(s.passed()).int8(s.dbId()).timestamptz(s.dbUpdatedAt())
                .int8(contentHash).endRow();
        staged++;
        if (contents != null) {
            if (s.dbId() != null || contentCount >= COUNTED_IN_JAVA_ROWS) {
                contents = null;
            } else {
                if (contentCount == contents.length) {
                    contents = Arrays.copyOf(contents, Math.min(2 * contents.length, COUNTED_IN_JAVA_ROWS));
                }
                contents[contentCount++] = contentHash;
                if (contentCount % SORTED_BLOCK == 0) {
                    Arrays.sort(contents, contentCount - SORTED_BLOCK, contentCount);
                }
            }
        }
    }

    /** Rows whose content hash an earlier row of this import already had (the array's order does not matter). */
    private static long repeats(long[] hashes, int count) {
        Arrays.sort(hashes, 0, count);
        long repeats = 0;
        for (int i = 1; i < count; i++) {
            if (hashes[i] == hashes[i - 1]) {
                repeats++;
            }
        }
        return repeats;
    }

    /**
     * FNV-1a over the text of the fields that make two deliveries the same row, each followed by
     * '|', null as U+0000 (compared by sql/exams/count-duplicates-*.sql). Stored hashes depend on
     * it: it must not change.
     */
    static long contentHash(ExamSitting s) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, s.provider());
        h = mix(h, s.registrationId());
        h = mixHex(h, s.candidateHash());
        h = mixHex(h, s.personHash());
        h = mix(h, s.examCode());
        h = mixDate(h, s.examDate());
        h = mix(h, s.status());
        h = mix(h, s.passed() ? "true" : "false");
        h = mix(h, plain(s.score()));
        return mix(h, plain(s.passingScore()));
    }

    private static long mix(long h, String text) {
        if (text == null) {
            h = (h ^ '\u0000') * FNV_PRIME;
        } else {
            for (int i = 0; i < text.length(); i++) {
                h = (h ^ text.charAt(i)) * FNV_PRIME;
            }
        }
        return (h ^ '|') * FNV_PRIME;
    }

    private static final HexFormat HEX = HexFormat.of();

    /** As {@code mix(h, HEX.formatHex(bytes))} (lower case), without building the string. */
    private static long mixHex(long h, byte[] bytes) {
        if (bytes == null) {
            return mix(h, null);
        }
        for (byte b : bytes) {
            h = (h ^ HEX.toHighHexDigit(b)) * FNV_PRIME;
            h = (h ^ HEX.toLowHexDigit(b)) * FNV_PRIME;
        }
        return (h ^ '|') * FNV_PRIME;
    }

    /** As {@code mix(h, date.toString())} (yyyy-MM-dd), without building the string. */
    private static long mixDate(long h, LocalDate date) {
        if (date == null || date.getYear() < 1000 || date.getYear() > 9999) {
            return mix(h, date == null ? null : date.toString());
        }
        int y = date.getYear();
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        h = (h ^ ('0' + y / 1000)) * FNV_PRIME;
        h = (h ^ ('0' + y / 100 % 10)) * FNV_PRIME;
        h = (h ^ ('0' + y / 10 % 10)) * FNV_PRIME;
        h = (h ^ ('0' + y % 10)) * FNV_PRIME;
        h = (h ^ '-') * FNV_PRIME;
        h = (h ^ ('0' + m / 10)) * FNV_PRIME;
        h = (h ^ ('0' + m % 10)) * FNV_PRIME;
        h = (h ^ '-') * FNV_PRIME;
        h = (h ^ ('0' + d / 10)) * FNV_PRIME;
        h = (h ^ ('0' + d % 10)) * FNV_PRIME;
        return (h ^ '|') * FNV_PRIME;
    }

    /**
     * The number without trailing zeros, in plain digits. An integer's is its own text, which a
     * BigDecimal keeps once made: scores are shared instances of the normalizer's cache, so most rows
     * pay neither the stripping (an eighth of the streaming thread's time) nor a new string.
     */
    private static String plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        return d.scale() == 0 ? d.toString() : d.stripTrailingZeros().toPlainString();
    }

    /** Ends the COPY, keeps every staged row and tells how many repeat rows already delivered. */
    LoadResult merge(long rowsRead) throws Exception {
        long t0 = System.nanoTime();
        // the merge of the sorted blocks runs while the sender drains its last chunks and PostgreSQL ends the COPY
        long ownRepeats = contents != null ? repeats(contents, contentCount) : -1;
        contents = null;
        copy.finish();
        long t1 = System.nanoTime();
        boolean large = staged >= ANALYZE_FROM_ROWS;
        if (large) {
            // fresh statistics, committed with the rows, so the count below and the views plan hash joins
            // a small sample is enough to tell the planner how big the table is (and costs a third)
            Sql.run(connection, "set local default_statistics_target = 20");
            Sql.run(connection, "analyze core.exam_record");
            // and never a nested loop: probing the other imports' rows one by one would cost more than
            // hashing them once; a small import's few probes by candidate are what it wants
            Sql.run(connection, "set local enable_nestloop = off");
        }
        long t2 = System.nanoTime();
        long duplicates = (ownRepeats >= 0 ? ownRepeats
                : Sql.count(connection, Sql.resource("sql/exams/count-duplicates-within.sql"), importId))
                + Sql.count(connection, Sql.resource("sql/exams/count-duplicates-across.sql"),
                        importId, importId, importId, importId, importId, importId, importId, importId, importId);
        if (large) {
            Sql.run(connection, "set local enable_nestloop = on");
        }
        log.info("Import {}: {} exam rows copied (COPY end, with the sort of its own repeats, {} ms), analyzed in {} ms, duplicates counted in {} ms",
                importId, staged, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new LoadResult(rowsRead, staged - duplicates, duplicates);
    }

    @Override
    public void close() throws Exception {
        copy.close();
    }
}
