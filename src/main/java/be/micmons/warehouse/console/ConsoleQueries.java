package be.micmons.warehouse.console;

import be.micmons.warehouse.intake.ImportProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Exam figures by provider (metric, key, year, n), read from the maintained counts
     * (mart.exam_metric_by_provider): a first pass before the phase stays out.
     */
    public List<Map<String, Object>> examsByProvider(int from, int to) {
        return jdbc.queryForList("""
                select metric, provider as key, year, value::numeric as n
                from mart.exam_metric_by_provider
                where year between ? and ?
                order by 1, 2, 3""", from, to);
    }

    /**
     * Counted jobs by partner site following their employer start-up (key, year, n, fte); a start-up
     * followed by two sites counts for each, like the start-ups by site.
     */
    public List<Map<String, Object>> jobsBySite(int from, int to) {
        return jdbc.queryForList("""
                select p.partner as key, j.year, count(*)::numeric as n, coalesce(sum(j.fte), 0)::numeric as fte
                from mart.hr_job j
                join core.startup s on s.startup_key = j.startup_key
                cross join lateral unnest(s.partners) as p(partner)
                where j.startup_key is not null and j.year between ? and ?
                group by 1, 2 order by 1, 2""", from, to);
    }

    /** Counted jobs by the contract type of their first contract (key, year, n, fte). */
    public List<Map<String, Object>> jobsByContract(int from, int to) {
        return jdbc.queryForList("""
                select j.contract_type as key, j.year, count(*)::numeric as n, coalesce(sum(j.fte), 0)::numeric as fte
                from mart.hr_job j
                where j.startup_key is not null and j.year between ? and ?
                group by 1, 2 order by 1, 2""", from, to);
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

    /** Reasons that have a list of their items (sql/console/uncounted/<REASON>.sql). */
    public static final java.util.Set<String> UNCOUNTED_LISTS = java.util.Set.of("NO_CREATION_DATE",
            "CREATED_OUTSIDE_PHASES", "MERGED_RECORD", "UNKNOWN_STARTUP", "MISSING_ENTERPRISE_NUMBER",
            "INVALID_ENTERPRISE_NUMBER", "CONTRACT_TYPE_NOT_COUNTED", "CANCELLED_CONTRACT", "NOT_PASSED", "REPEAT_PASS");

    /** Loaded items the figures of the years do not count: metric, reason, n. */
    public List<Map<String, Object>> uncounted(int from, int to) {
        return jdbc.queryForList(be.micmons.warehouse.warehouse.Sql.resource("sql/console/uncounted-counts.sql"), from, to);
    }

    /** The items behind one reason: item, detail, import_id, file_name, line_no. */
    public List<Map<String, Object>> uncountedItems(String reason, int from, int to, int limit) {
        if (!UNCOUNTED_LISTS.contains(reason)) {
            throw new IllegalArgumentException(reason);
        }
        return jdbc.queryForList(be.micmons.warehouse.warehouse.Sql.resource("sql/console/uncounted/" + reason + ".sql"),
                from, to, limit);
    }

    public List<String> metrics() {
        return jdbc.queryForList("select name from ops.metric order by ord", String.class);
    }

    private static final String IMPORT_COLUMNS = """
            id, source, partner, file_name, trigger, status, rows_read, rows_loaded, rows_rejected, rows_duplicate,
            started_at, finished_at, message, archive_path is not null as archived, duplicate_of, superseded_by, node,
            reimport_of, status_reason, status_changed_at, hold_ratio, hold_baseline_rows""";

    /** The latest imports, running ones with the rows read so far on this instance. */
    public List<Map<String, Object>> imports(String source, String status, int limit) {
        return imports(new ImportFilter(source, status, null, null, null, null), limit);
    }

    /** What the imports list is narrowed to; null = any. Dates are received days in Brussels, inclusive. */
    public record ImportFilter(String source, String status, String partner, String file, java.time.LocalDate from,
                               java.time.LocalDate to) {
    }

    public List<Map<String, Object>> imports(ImportFilter f, int limit) {
        String like = f.file() == null ? null : "%" + f.file().replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return withProgress(jdbc.queryForList("select " + IMPORT_COLUMNS + " from ops.import"
                        + " where (?::text is null or source = ?) and (?::text is null or status = ?)"
                        + " and (?::text is null or partner = ?) and (?::text is null or file_name ilike ?)"
                        + " and (?::date is null or received_at >= (?::date)::timestamp at time zone 'Europe/Brussels')"
                        + " and (?::date is null or received_at < ((?::date) + 1)::timestamp at time zone 'Europe/Brussels')"
                        + " order by id desc limit ?",
                f.source(), f.source(), f.status(), f.status(), f.partner(), f.partner(), like, like,
                f.from(), f.from(), f.to(), f.to(), limit));
    }

    /** The partners and providers that sent something, for the imports filter. */
    public List<String> importPartners() {
        return jdbc.queryForList("select distinct partner from ops.import where partner is not null order by 1",
                String.class);
    }

    /** One import's problems counted by reason and severity. */
    public List<Map<String, Object>> rejectCounts(long importId) {
        return jdbc.queryForList("""
                select reason_code, severity, count(*) as n from ops.rejected_row where import_id = ?
                group by 1, 2 order by 3 desc, 1""", importId);
    }

    /** Streams one import's problems in line order (the CSV download). */
    public void eachReject(long importId, org.springframework.jdbc.core.RowCallbackHandler sink) {
        jdbc.query("""
                select line_no, field, reason_code, severity, message from ops.rejected_row
                where import_id = ? order by line_no nulls first, id""", sink, importId);
    }

    public Optional<Map<String, Object>> oneImport(long id) {
        return withProgress(jdbc.queryForList("select " + IMPORT_COLUMNS + " from ops.import where id = ?", id))
                .stream().findFirst();
    }

    /** Imports waiting for an admin's decision (HELD), oldest first. */
    public List<Map<String, Object>> heldImports() {
        return withProgress(jdbc.queryForList("select " + IMPORT_COLUMNS + " from ops.import where status = 'HELD'"
                + " order by id"));
    }

    /** When the figures last changed: the latest committed import, or decision on one (null: none yet). */
    public java.sql.Timestamp dataDate() {
        return jdbc.queryForObject("""
                select greatest((select max(finished_at) from ops.import where status in ('LOADED', 'LOADED_WITH_REJECTS')),
                                (select max(status_changed_at) from ops.import))""", java.sql.Timestamp.class);
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

    /** The last nightly runs (ops.nightly_run), newest first. */
    public List<Map<String, Object>> nightlyRuns(int limit) {
        return jdbc.queryForList("""
                select n.id, n.scheduled_for, n.started_at, n.finished_at, n.status, n.node, n.trigger, n.message,
                       case when n.status = 'SUCCEEDED' and not exists (select 1 from ops.pull_run p
                                                                       where p.nightly_run_id = n.id)
                            then 'NOTHING' else n.status end as shown_status
                from ops.nightly_run n order by n.id desc limit ?""", limit);
    }

    /** The last pull runs (ops.pull_run), newest first, with the imports they made. */
    public List<Map<String, Object>> pullRuns(int limit) {
        return jdbc.query("""
                select id, pull, trigger, status, import_ids, started_at, finished_at, message
                from ops.pull_run order by id desc limit ?""", (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("pull", rs.getString("pull"));
            m.put("trigger", rs.getString("trigger"));
            m.put("status", rs.getString("status"));
            java.sql.Array ids = rs.getArray("import_ids");
            m.put("imports", ids == null ? List.of() : List.of((Long[]) ids.getArray()));
            m.put("started_at", rs.getTimestamp("started_at"));
            m.put("finished_at", rs.getTimestamp("finished_at"));
            m.put("message", rs.getString("message"));
            return m;
        }, limit);
    }

    /** Imports, nightly runs and pulls still running: the imports page refreshes itself while there are some. */
    public long runningWork() {
        return jdbc.queryForObject("""
                select (select count(*) from ops.import where status = 'RUNNING')
                     + (select count(*) from ops.nightly_run where status = 'RUNNING')
                     + (select count(*) from ops.pull_run where status = 'RUNNING')""", Long.class);
    }

    private static List<Map<String, Object>> withProgress(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("rows_per_second", null); // the templates read the key on every row
            // the API refuses to replay a running, superseded or duplicate import: no button for those
            String status = (String) m.get("status");
            m.put("reimportable", Boolean.TRUE.equals(m.get("archived"))
                    && !Set.of("RUNNING", "SUPERSEDED", "DUPLICATE", "HELD").contains(status)
                    && !("WITHDRAWN".equals(status) && m.get("superseded_by") != null));
            m.put("withdrawable", Set.of("LOADED", "LOADED_WITH_REJECTS", "HELD").contains(status));
            m.put("approvable", "HELD".equals(status));
            out.add(ImportProgress.decorate(m));
        }
        return out;
    }
}
