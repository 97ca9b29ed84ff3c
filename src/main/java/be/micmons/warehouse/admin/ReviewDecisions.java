package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.ConflictException;
import be.micmons.warehouse.api.NotFoundException;
import be.micmons.warehouse.incubators.ReviewQueue;
import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admin decisions on look-alike start-ups. A merge points one start-up key at the other in
 * {@code core.startup_alias}; its trigger moves the members and start-ups in the commit, so the
 * figures follow at once. The alias table stays flat (every key points straight at a canonical
 * key that has no alias itself), so merges are transitive: A into B, then B into C, and A and B
 * both map to C.
 */
@Service
public class ReviewDecisions {
    private static final Logger log = LoggerFactory.getLogger(ReviewDecisions.class);
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final ReviewQueue queue;

    public ReviewDecisions(DataSource dataSource, TransactionTemplate tx, ReviewQueue queue) {
        this.dataSource = dataSource;
        this.tx = tx;
        this.queue = queue;
    }

    public String merge(long pairId) {
        return decide(pairId, "MERGED");
    }

    public String distinct(long pairId) {
        return decide(pairId, "DISTINCT");
    }

    private String decide(long pairId, String decision) {
        return tx.execute(s -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                // identity changes one at a time, and no import recomputes a place meanwhile
                queue.lockExclusively(c);
                String keyA;
                String keyB;
                try (PreparedStatement ps = Sql.prepare(c,
                        "select key_a, key_b, status from core.review_pair where id = ? for update", pairId);
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("no review pair " + pairId);
                    }
                    if (!"PENDING".equals(rs.getString(3))) {
                        throw new ConflictException("review pair " + pairId + " was already decided: " + rs.getString(3));
                    }
                    keyA = rs.getString(1);
                    keyB = rs.getString(2);
                }
                String from = canonical(c, keyA);
                String into = canonical(c, keyB);
                java.util.Set<String> places = new java.util.TreeSet<>(queue.postalCodesOf(c, keyA, keyB, from, into));
                places.addAll(pairPlace(c, pairId));
                if ("MERGED".equals(decision)) {
                    if (!from.equals(into)) {
                        Sql.update(c, "update core.startup_alias set canonical_key = ?, decided_at = now()"
                                + " where canonical_key = ?", into, from);
                        Sql.update(c, """
                                insert into core.startup_alias (startup_key, canonical_key) values (?, ?)
                                on conflict (startup_key) do update set canonical_key = excluded.canonical_key,
                                                                        decided_at = now()""", from, into);
                    }
                    log.info("Review pair {}: start-up {} merged into {}", pairId, from, into);
                } else {
                    log.info("Review pair {}: {} and {} kept apart", pairId, keyA, keyB);
                }
                Sql.update(c, "update core.review_pair set status = ?, decided_at = now() where id = ?", decision, pairId);
                queue.refresh(c, places, true);
                return decision;
            } catch (SQLException e) {
                throw new IllegalStateException("review decision " + pairId + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static java.util.List<String> pairPlace(Connection c, long pairId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "select coalesce(postal_code, '') from core.review_pair where id = ?", pairId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? java.util.List.of(rs.getString(1)) : java.util.List.of();
        }
    }

    private static String canonical(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "select canonical_key from core.startup_alias where startup_key = ?", key);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : key;
        }
    }
}
