package be.micmons.warehouse.marts;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incrementally maintained marts (issue #14) against their reference definitions: the
 * database keeps them (R__20_exams.sql, a deferred trigger on ops.import); this compares them
 * with a full recompute, to the row, and rebuilds them from it on demand.
 */
@Service
public class MartMaintenance {
    private static final Logger log = LoggerFactory.getLogger(MartMaintenance.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MartMaintenance(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** One row per maintained layer: rows it lacks and rows it has too many, against the reference. */
    public record Layer(String layer, long missing, long extra) {
        public boolean equal() {
            return missing == 0 && extra == 0;
        }
    }

    public List<Layer> verify() {
        // one snapshot for the maintained tables and the reference they are compared with
        return tx.execute(s -> {
            jdbc.execute("set transaction isolation level repeatable read, read only");
            return jdbc.query("select layer, missing, extra from mart.verify_marts()",
                    (rs, i) -> new Layer(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        });
    }

    public Map<String, Object> rebuild() {
        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> jdbc.queryForList("select mart.rebuild_marts()"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.info("Marts rebuilt from their reference definitions in {} ms", ms);
        return Map.of("rebuilt", true, "ms", ms);
    }
}
