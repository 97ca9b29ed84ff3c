package be.micmons.warehouse.console;

import be.micmons.warehouse.intake.ImportProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Everything the console shows, read from the pinned views and the ledger tables (no writes). */
@Repository
public class ConsoleQueries {
    private final JdbcTemplate jdbc;

    public ConsoleQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Phase(String phase, int yearFrom, int yearTo) {
    }

    public List<Phase> phases() {
        return jdbc.query("select phase, year_from, year_to from ops.convention_phase order by year_from, phase",
                (rs, i) -> new Phase(rs.getString(1), rs.getInt(2), rs.getInt(3)));
    }

    public Optional<Phase> phase(String phase) {
        return phases().stream().filter(p -> p.phase().equals(phase)).findFirst();
    }

    /** Phase totals in metric order: metric, value, target. */
    public List<Map<String, Object>> phaseTotals(String phase) {
        return jdbc.queryForList("""
                select k.metric, k.value, k.target from mart.convention_phase_kpi k
                join ops.metric m on m.name = k.metric where k.phase = ? order by m.ord""", phase);
    }

    /** Yearly figures: year, metric, value, target (yearly target or null). */
    public List<Map<String, Object>> yearly(String phase) {
        return jdbc.queryForList("""
                select k.year, k.metric, k.value, k.target from mart.convention_kpi k
                join ops.metric m on m.name = k.metric where k.phase = ? order by m.ord, k.year""", phase);
    }

    /** Start-ups created in the years, by partner site that follows them (a start-up followed by two sites counts for each). */
    public List<Map<String, Object>> startupsByPartner(int from, int to) {
        return jdbc.queryForList("""
                select p.partner as key, extract(year from s.creation_date)::int as year, count(*)::bigint as n
                from core.startup s cross join lateral unnest(s.partners) as p(partner)
                where extract(year from s.creation_date) between ? and ?
                group by 1, 2 order by 1, 2""", from, to);
    }

    /** Start-ups created in the years, by theme (empty theme as ''). */
    public List<Map<String, Object>> startupsByTheme(int from, int to) {
        return jdbc.queryForList("""
                select coalesce(nullif(s.theme, ''), '') as key, extract(year from s.creation_date)::int as year,
                       count(*)::bigint as n
                from core.startup s
                where extract(year from s.creation_date) between ? and ?
                group by 1, 2 order by 1, 2""", from, to);
    }

    /** Counted items of every metric but start-ups by the partner or provider of the import that brought them (one pass). */
    public List<Map<String, Object>> evidenceByOrigin(int from, int to) {
        return jdbc.queryForList("""
                select e.metric, coalesce(e.partner, e.source, '') as key, e.year, count(*)::bigint as n
                from mart.evidence e where e.metric <> 'startups_created' and e.year between ? and ?
                group by 1, 2, 3 order by 1, 2, 3""", from, to);
    }

    public long evidenceCount(String metric, int from, int to) {
        return jdbc.queryForObject("select count(*) from mart.evidence where metric = ? and year between ? and ?",
                Long.class, metric, from, to);
    }

    /** The counted items behind a figure, with the file and line they came from. */
    public List<Map<String, Object>> evidence(String metric, int from, int to, int limit) {
        return jdbc.queryForList("""
                select e.year, e.item, e.source, e.partner, e.file_name, e.import_id, e.line_no
                from mart.evidence e where e.metric = ? and e.year between ? and ?
                order by e.year, e.item, e.import_id, e.line_no limit ?""", metric, from, to, limit);
    }

    public List<String> metrics() {
        return jdbc.queryForList("select name from ops.metric order by ord", String.class);
    }

    private static final String IMPORT_COLUMNS = """
            id, source, partner, file_name, trigger, status, rows_read, rows_loaded, rows_rejected, rows_duplicate,
            started_at, finished_at, message, archive_path is not null as archived, duplicate_of, superseded_by, node""";

    /** The latest imports, running ones with the rows read so far on this instance. */
    public List<Map<String, Object>> imports(String source, String status, int limit) {
        return withProgress(jdbc.queryForList("select " + IMPORT_COLUMNS + " from ops.import"
                        + " where (?::text is null or source = ?) and (?::text is null or status = ?)"
                        + " order by id desc limit ?",
                source, source, status, status, limit));
    }

    public Optional<Map<String, Object>> oneImport(long id) {
        return withProgress(jdbc.queryForList("select " + IMPORT_COLUMNS + " from ops.import where id = ?", id))
                .stream().findFirst();
    }

    public long runningImports() {
        return jdbc.queryForObject("select count(*) from ops.import where status = 'RUNNING'", Long.class);
    }

    public List<Map<String, Object>> rejects(long importId, int limit, int offset) {
        return jdbc.queryForList("""
                select line_no, field, reason_code, severity, message from ops.rejected_row
                where import_id = ? order by line_no nulls first, id limit ? offset ?""", importId, limit, offset);
    }

    public long rejectCount(long importId) {
        return jdbc.queryForObject("select count(*) from ops.rejected_row where import_id = ?", Long.class, importId);
    }

    /** Look-alike pairs, pending first, with the partner sites of each side while it still exists. */
    public List<Map<String, Object>> reviewPairs() {
        return jdbc.queryForList("""
                select rp.id, rp.key_a, rp.key_b, rp.postal_code, rp.name_a, rp.name_b, rp.similarity, rp.reason,
                       rp.status, rp.created_at, rp.decided_at,
                       array_to_string(sa.partners, ', ') as partners_a, sa.creation_date as created_a,
                       array_to_string(sb.partners, ', ') as partners_b, sb.creation_date as created_b
                from core.review_pair rp
                left join core.startup sa on sa.startup_key = rp.key_a
                left join core.startup sb on sb.startup_key = rp.key_b
                order by rp.status <> 'PENDING', rp.id desc""");
    }

    /** Nightly runs when the operations feature made its table (ops.nightly_run), else nothing. */
    public Optional<List<Map<String, Object>>> nightlyRuns(int limit) {
        Boolean exists = jdbc.queryForObject("select to_regclass('ops.nightly_run') is not null", Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForList(
                "select * from ops.nightly_run order by coalesce(scheduled_for, started_at) desc nulls last, id desc limit ?",
                limit));
    }

    private static List<Map<String, Object>> withProgress(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("rows_per_second", null); // the templates read the key on every row
            if ("RUNNING".equals(m.get("status"))) {
                long id = ((Number) m.get("id")).longValue();
                long soFar = ImportProgress.rowsSoFar(id);
                if (soFar >= 0) {
                    m.put("rows_read", soFar);
                    m.put("rows_per_second", Math.round(ImportProgress.rowsPerSecond(id)));
                }
            }
            out.add(m);
        }
        return out;
    }
}
