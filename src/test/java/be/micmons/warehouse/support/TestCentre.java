package be.micmons.warehouse.support;

import be.micmons.warehouse.exams.ExamDbProperties;
import java.sql.Connection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A database of the test warehouse's server standing in for the test centre's: an empty exam_result table. */
public final class TestCentre implements AutoCloseable {
    private final SingleConnectionDataSource ds;
    private final JdbcTemplate jdbc;
    private final String url;

    private TestCentre(String url) throws Exception {
        this.url = url;
        this.ds = new SingleConnectionDataSource(url, "postgres", WarehouseTest.warehousePassword(), true);
        this.jdbc = new JdbcTemplate(ds);
    }

    /** Creates (again) the database {@code name} beside the warehouse, with the table the pull reads. */
    public static TestCentre create(JdbcTemplate warehouse, String name) throws Exception {
        String warehouseUrl;
        try (Connection c = warehouse.getDataSource().getConnection()) {
            warehouseUrl = c.getMetaData().getURL();
        }
        warehouse.execute("drop database if exists " + name + " with (force)");
        warehouse.execute("create database " + name);
        TestCentre centre = new TestCentre(warehouseUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name));
        centre.jdbc.execute("""
                create table exam_result (id bigint primary key, provider text, registration_id text, candidate_ref text,
                    last_name text, first_name text, email text, exam_code text, exam_date date, status text,
                    score int, passing_score int, result text, updated_at timestamptz)""");
        return centre;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The pull's settings for this database. */
    public ExamDbProperties settings(int fetchSize) throws Exception {
        return new ExamDbProperties(url, "postgres", WarehouseTest.warehousePassword(), "exam_result", fetchSize);
    }

    @Override
    public void close() {
        ds.destroy();
    }
}
