package be.micmons.warehouse.exams;

import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.warehouse.CopyWriter;
import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams normalized exam rows with COPY straight into {@code core.exam_record} (every row is kept
 * with its lineage and identity is derived by views, so there is nothing to merge: a staging copy
 * would only write each row twice), then counts the rows that repeat what was already delivered.
 */
final class ExamStage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExamStage.class);
    private static final long ANALYZE_FROM_ROWS = 10_000;
    private final Connection connection;
    private final long importId;
    private final CopyWriter copy;
    private long staged;

    ExamStage(Connection connection, long importId) throws SQLException {
        this.connection = connection;
        this.importId = importId;
        // large exports sort in memory rather than on disk; SET LOCAL ends with the import's transaction
        Sql.run(connection, "set local work_mem = '128MB'");
        this.copy = new CopyWriter(connection, "COPY core.exam_record (import_id, line_no, provider, registration_id,"
                + " candidate_hash, person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result,"
                + " passed, db_id, db_updated_at, content_hash) FROM STDIN");
    }

    void add(long lineNo, ExamSitting s) {
        copy.row(importId, lineNo, s.provider(), s.registrationId(), s.candidateHash(), s.personHash(), s.examCode(),
                s.examTitle(), s.examDate(), s.status(), s.score(), s.passingScore(), s.result(), s.passed(),
                s.dbId(), s.dbUpdatedAt(), contentHash(s));
        staged++;
    }

    /** FNV-1a over the fields that make two deliveries the same row (see count-duplicates.sql). */
    static long contentHash(ExamSitting s) {
        long h = 0xcbf29ce484222325L;
        for (Object v : new Object[] {s.provider(), s.registrationId(), s.candidateHash(), s.personHash(),
                s.examCode(), s.examDate(), s.status(), s.passed(), plain(s.score()), plain(s.passingScore())}) {
            String text = v == null ? "\u0000" : v.toString();
            for (int i = 0; i < text.length(); i++) {
                h = (h ^ text.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ '|') * 0x100000001b3L;
        }
        return h;
    }

    private static String plain(java.math.BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    /** Ends the COPY, keeps every staged row and tells how many repeat rows already delivered. */
    LoadResult merge(long rowsRead) throws Exception {
        long t0 = System.nanoTime();
        copy.finish();
        long t1 = System.nanoTime();
        if (staged >= ANALYZE_FROM_ROWS) {
            // fresh statistics, committed with the rows, so the count below and the views plan hash joins
            // a small sample is enough to tell the planner how big the table is (and costs a third)
            Sql.run(connection, "set local default_statistics_target = 20");
            Sql.run(connection, "analyze core.exam_record");
        }
        long t2 = System.nanoTime();
        // never a nested loop: with rows the statistics do not know yet it would rescan the table per row
        Sql.run(connection, "set local enable_nestloop = off");
        long duplicates = Sql.count(connection, Sql.resource("sql/exams/count-duplicates.sql"),
                importId, importId, importId);
        Sql.run(connection, "set local enable_nestloop = on");
        log.info("Import {}: {} exam rows copied (COPY end {} ms), analyzed in {} ms, duplicates counted in {} ms",
                importId, staged, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new LoadResult(rowsRead, staged - duplicates, duplicates);
    }

    @Override
    public void close() throws Exception {
        copy.close();
    }
}
