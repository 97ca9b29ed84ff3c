package be.micmons.warehouse.exams;

import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.warehouse.CopyWriter;
import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/** Stages normalized exam rows with COPY into a temporary table, then merges them set-based. */
final class ExamStage implements AutoCloseable {
    private final Connection connection;
    private final long importId;
    private final CopyWriter copy;
    private long staged;

    ExamStage(Connection connection, long importId) throws SQLException {
        this.connection = connection;
        this.importId = importId;
        Sql.run(connection, Sql.resource("sql/exams/create-stage.sql"));
        this.copy = new CopyWriter(connection, "COPY stage_exam (import_id, line_no, provider, registration_id,"
                + " candidate_hash, person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result,"
                + " passed, db_id, db_updated_at) FROM STDIN");
    }

    void add(long lineNo, ExamSitting s) {
        copy.row(importId, lineNo, s.provider(), s.registrationId(), s.candidateHash(), s.personHash(), s.examCode(),
                s.examTitle(), s.examDate(), s.status(), s.score(), s.passingScore(), s.result(), s.passed(),
                s.dbId(), s.dbUpdatedAt());
        staged++;
    }

    /** Ends the COPY, keeps every staged row and tells how many repeat rows already delivered. */
    LoadResult merge(long rowsRead) throws Exception {
        copy.finish();
        Sql.run(connection, "analyze stage_exam");
        long duplicates = Sql.count(connection, Sql.resource("sql/exams/count-duplicates.sql"));
        Sql.update(connection, Sql.resource("sql/exams/insert-records.sql"));
        return new LoadResult(rowsRead, staged - duplicates, duplicates);
    }

    @Override
    public void close() throws Exception {
        copy.close();
    }
}
