package be.micmons.warehouse.report;

import be.micmons.warehouse.warehouse.Sql;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The report's own reads (SQL in {@code sql/report/}). */
@Component
public class ReportQueries {
    private final JdbcTemplate jdbc;

    public ReportQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A convention phase and its years. */
    public record Phase(String phase, int yearFrom, int yearTo) {}

    public Optional<Phase> phase(String phase) {
        return jdbc.query(Sql.resource("sql/report/phase.sql"),
                (rs, i) -> new Phase(rs.getString(1), rs.getInt(2), rs.getInt(3)), phase).stream().findFirst();
    }

    public List<String> metrics() {
        return jdbc.queryForList(Sql.resource("sql/report/metrics.sql"), String.class);
    }
}
