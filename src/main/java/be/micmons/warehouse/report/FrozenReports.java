package be.micmons.warehouse.report;

import be.micmons.warehouse.api.BadRequestException;
import be.micmons.warehouse.api.NotFoundException;
import be.micmons.warehouse.warehouse.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports as submitted (DESIGN §13): a phase (or one year of it) frozen with every evidence item
 * behind its figures, in one transaction on one snapshot; and the corrections since, found by
 * comparing the frozen items with the current evidence in SQL.
 */
@Service
public class FrozenReports {
    /** Longest list of added or removed items given per figure (the counts are always exact). */
    static final int ITEM_LIMIT = 10_000;

    private final NamedParameterJdbcTemplate sql;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate readOnly;

    public FrozenReports(DataSource dataSource, PlatformTransactionManager txManager) {
        this.sql = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(5_000); // inside a transaction pgjdbc then reads the items by batches
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.snapshot = new TransactionTemplate(txManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.readOnly = new TransactionTemplate(txManager);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public record Summary(long id, String phase, Integer year, OffsetDateTime createdAt, String createdBy, String note,
                          String sha256) {
    }

    /** year null = the total of the whole phase. */
    public record Figure(String metric, Integer year, BigDecimal value, BigDecimal target) {
    }

    public record Item(String item, Long importId, String fileName, Long lineNo) {
    }

    public record Change(String metric, int year, BigDecimal frozen, BigDecimal current, List<Item> added,
                         List<Item> removed, long addedCount, long removedCount) {
    }

    public record Frozen(long id, String sha256) {
    }

    /** Freezes the figures of the phase (year null = all its years) and their items; one transaction. */
    public Frozen freeze(String phase, Integer year, String note, String user) {
        Map<String, Object> p = phase(phase);
        int from = ((Number) p.get("year_from")).intValue();
        int to = ((Number) p.get("year_to")).intValue();
        if (year != null && (year < from || year > to)) {
            throw new BadRequestException("year " + year + " is not a year of phase " + phase + " (" + from + "–" + to + ")");
        }
        return snapshot.execute(s -> {
            long id = sql.getJdbcTemplate().queryForObject("select nextval('ops.report_id_seq')", Long.class);
            Map<String, Object> args = new java.util.HashMap<>();
            args.put("report", id);
            args.put("phase", phase);
            args.put("year", year);
            sql.update(Sql.resource("sql/reports/freeze-figures.sql"), args);
            if (year == null) {
                sql.update(Sql.resource("sql/reports/freeze-phase-figures.sql"), args);
            }
            sql.update(Sql.resource("sql/reports/freeze-items.sql"), args);
            CanonicalText text = new CanonicalText().line(CanonicalText.header(phase, year));
            canonicalLines(id, text::line);
            String sha = text.sha256();
            args.put("note", note == null ? "" : note.strip());
            args.put("user", user);
            args.put("sha", sha);
            sql.update("""
                    insert into ops.report (id, phase, year, note, created_by, sha256)
                    values (:report, :phase, :year, :note, :user, :sha)""", args);
            return new Frozen(id, sha);
        });
    }

    public List<Summary> list() {
        return sql.query("select * from ops.report order by id desc", Map.of(), (rs, n) -> summary(rs));
    }

    public Optional<Summary> find(long id) {
        return sql.query("select * from ops.report where id = :id", Map.of("id", id), (rs, n) -> summary(rs))
                .stream().findFirst();
    }

    public Summary get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("no report " + id));
    }

    public List<Figure> figures(long id) {
        return sql.query("""
                select f.metric, f.year, f.value, f.target from ops.report_figure f
                left join ops.metric m on m.name = f.metric
                where f.report_id = :id order by m.ord, f.metric, f.year""", Map.of("id", id),
                (rs, n) -> new Figure(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
    }

    /** The phase totals of a whole-phase report (none for a report of one year). */
    public List<Figure> totals(long id) {
        return sql.query("""
                select p.metric, p.value, p.target from ops.report_phase_figure p
                left join ops.metric m on m.name = p.metric
                where p.report_id = :id order by m.ord, p.metric""", Map.of("id", id),
                (rs, n) -> new Figure(rs.getString(1), null, rs.getBigDecimal(2), rs.getBigDecimal(3)));
    }

    /** Every figure of the report whose current value differs, with the items added and removed since. */
    public List<Change> changes(long id) {
        get(id);
        return readOnly.execute(s -> {
            List<Change> out = new ArrayList<>();
            for (Map<String, Object> f : sql.queryForList(Sql.resource("sql/reports/changed-figures.sql"), Map.of("report", id))) {
                Map<String, Object> args = Map.of("report", id, "metric", f.get("metric"), "year", f.get("year"),
                        "limit", ITEM_LIMIT + 1);
                List<Item> added = sql.query(Sql.resource("sql/reports/items-added.sql"), args, (rs, n) -> item(rs));
                List<Item> removed = sql.query(Sql.resource("sql/reports/items-removed.sql"), args, (rs, n) -> item(rs));
                long addedCount = added.size() > ITEM_LIMIT ? count("items-added", args) : added.size();
                long removedCount = removed.size() > ITEM_LIMIT ? count("items-removed", args) : removed.size();
                out.add(new Change((String) f.get("metric"), ((Number) f.get("year")).intValue(),
                        (BigDecimal) f.get("frozen"), (BigDecimal) f.get("current"),
                        added.subList(0, Math.min(ITEM_LIMIT, added.size())),
                        removed.subList(0, Math.min(ITEM_LIMIT, removed.size())), addedCount, removedCount));
            }
            return out;
        });
    }

    /** Streams the frozen items of a report in the canonical order. */
    public void items(long id, Consumer<Figure> figures, ItemSink items) {
        readOnly.executeWithoutResult(s -> streaming.query(Sql.resource("sql/reports/canonical-lines.sql"),
                Map.of("report", id), (RowCallbackHandler) rs -> {
                    if (!"item".equals(rs.getString("kind"))) {
                        figures.accept(new Figure(rs.getString("metric"), rs.getObject("year", Integer.class),
                                new BigDecimal(rs.getString("value")),
                                rs.getString("target") == null ? null : new BigDecimal(rs.getString("target"))));
                    } else {
                        items.accept(rs.getString("metric"), rs.getInt("year"), new Item(rs.getString("item"),
                                rs.getObject("import_id", Long.class), rs.getString("file_name"),
                                rs.getObject("line_no", Long.class)));
                    }
                }));
    }

    public interface ItemSink {
        void accept(String metric, int year, Item item);
    }

    /** The canonical text of a stored report, line by line (each without its \n). */
    public void canonical(long id, Consumer<String> lines) {
        Summary r = get(id);
        lines.accept(CanonicalText.header(r.phase(), r.year()));
        readOnly.executeWithoutResult(s -> canonicalLines(id, lines));
    }

    private void canonicalLines(long id, Consumer<String> lines) {
        streaming.query(Sql.resource("sql/reports/canonical-lines.sql"), Map.of("report", id), (RowCallbackHandler) rs -> {
            if ("phase".equals(rs.getString("kind"))) {
                lines.accept(CanonicalText.phase(rs.getString("metric"), rs.getString("value"), rs.getString("target")));
            } else if ("figure".equals(rs.getString("kind"))) {
                lines.accept(CanonicalText.figure(rs.getString("metric"), rs.getInt("year"), rs.getString("value"),
                        rs.getString("target")));
            } else {
                lines.accept(CanonicalText.item(rs.getString("metric"), rs.getInt("year"),
                        rs.getObject("import_id", Long.class), rs.getObject("line_no", Long.class),
                        rs.getString("file_name"), rs.getString("item")));
            }
        });
    }

    private long count(String query, Map<String, Object> args) {
        String text = Sql.resource("sql/reports/" + query + ".sql");
        String body = text.substring(0, text.lastIndexOf("order by"));
        return sql.queryForObject("select count(*) from (" + body + ") c", args, Long.class);
    }

    private Map<String, Object> phase(String phase) {
        if (phase == null || phase.isBlank()) {
            throw new BadRequestException("give the phase to freeze, e.g. {\"phase\":\"2012-2014\"}");
        }
        return sql.queryForList("select year_from, year_to from ops.convention_phase where phase = :phase",
                Map.of("phase", phase)).stream().findFirst().orElseThrow(() -> new BadRequestException(
                "unknown phase '" + phase + "'; known phases: " + sql.getJdbcTemplate().queryForList(
                        "select phase from ops.convention_phase order by year_from", String.class)));
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getString("item"), rs.getObject("import_id", Long.class), rs.getString("file_name"),
                rs.getObject("line_no", Long.class));
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("phase"), rs.getObject("year", Integer.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"), rs.getString("note"),
                rs.getString("sha256"));
    }
}
