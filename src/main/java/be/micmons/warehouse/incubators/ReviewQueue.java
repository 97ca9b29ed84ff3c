package be.micmons.warehouse.incubators;

import be.micmons.warehouse.warehouse.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Component;

/**
 * The look-alike review queue of DESIGN §7: start-ups with the same postal code whose name keys
 * have a Jaro-Winkler similarity of at least 0.90, not carrying two different enterprise numbers.
 * They count as distinct until an admin merges them.
 *
 * <p>A pair is named by its two start-up keys and keeps its row, so its id, while it stays a
 * look-alike (DESIGN §9). Only the postal codes an import or a decision touched are recomputed,
 * each under its own lock, so imports of different places never wait on one another; an admin
 * decision (which changes identities anywhere) takes the queue's lock exclusively.
 */
@Component
public class ReviewQueue {
    public static final double THRESHOLD = 0.90;
    /** First key of the queue's advisory locks (the second is the postal code's hash, or 0 for the queue). */
    static final int LOCK_SPACE = 0x52455651; // "REVQ"
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private record Candidate(String key, String nameKey, String pc, String en, boolean ambiguous, String name) {}

    private record Pair(String a, String b, String pc, String nameA, String nameB, double similarity, String reason) {}

    /** Recomputes the places of these imports (and of the imports they superseded), inside their transaction. */
    public void refreshForImports(Connection c, long... importIds) throws SQLException {
        Long[] ids = java.util.Arrays.stream(importIds).boxed().toArray(Long[]::new);
        List<String> pcs = strings(c, Sql.resource("sql/incubators/touched-postal-codes.sql"),
                c.createArrayOf("bigint", ids), c.createArrayOf("bigint", ids));
        refresh(c, pcs, false);
    }

    /** Recomputes the places of these start-ups, before an identity change (merge) is made on them. */
    public List<String> postalCodesOf(Connection c, String... startupKeys) throws SQLException {
        return strings(c, Sql.resource("sql/incubators/startup-postal-codes.sql"),
                c.createArrayOf("text", startupKeys), c.createArrayOf("text", startupKeys));
    }

    /** Takes the queue's lock exclusively: no import refreshes a place until this transaction ends. */
    public void lockExclusively(Connection c) throws SQLException {
        Sql.count(c, "select count(pg_advisory_xact_lock(?, 0))", LOCK_SPACE);
    }

    /**
     * Recomputes the pending pairs of these postal codes ('' = no postal code) from the live records;
     * pairs found again keep their id, pairs no longer look-alikes leave, decided pairs stay as decided.
     */
    public void refresh(Connection c, Collection<String> postalCodes, boolean exclusive) throws SQLException {
        if (postalCodes.isEmpty()) {
            return;
        }
        TreeSet<Integer> locks = new TreeSet<>();
        postalCodes.forEach(pc -> locks.add(lockKey(pc)));
        if (!exclusive) {
            Sql.count(c, "select count(pg_advisory_xact_lock_shared(?, 0))", LOCK_SPACE);
        }
        // in one order everywhere, so two imports sharing places never deadlock
        Sql.count(c, "select count(pg_advisory_xact_lock(?, k)) from unnest(?::int[]) k",
                LOCK_SPACE, c.createArrayOf("int", locks.toArray()));
        String[] pcs = postalCodes.toArray(String[]::new);
        Map<String, Pair> pairs = new LinkedHashMap<>();
        List<Candidate> group = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, Sql.resource("sql/incubators/review-candidates.sql"),
                c.createArrayOf("text", pcs), c.createArrayOf("text", pcs));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Candidate cand = new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6));
                if (!group.isEmpty() && !group.get(0).pc().equals(cand.pc())) {
                    compare(group, pairs);
                    group.clear();
                }
                group.add(cand);
            }
        }
        compare(group, pairs);
        Sql.update(c, Sql.resource("sql/incubators/review-pending-replace.sql"), c.createArrayOf("text", pcs),
                c.createArrayOf("text", pairs.values().stream().map(Pair::a).toArray()),
                c.createArrayOf("text", pairs.values().stream().map(Pair::b).toArray()));
        try (PreparedStatement ins = c.prepareStatement(Sql.resource("sql/incubators/review-pair-upsert.sql"))) {
            for (Pair p : pairs.values()) {
                ins.setString(1, p.a());
                ins.setString(2, p.b());
                ins.setString(3, p.pc().isEmpty() ? null : p.pc());
                ins.setString(4, p.nameA());
                ins.setString(5, p.nameB());
                ins.setBigDecimal(6, BigDecimal.valueOf(p.similarity()).setScale(4, RoundingMode.HALF_UP));
                ins.setString(7, p.reason());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** The whole queue, as before places were recomputed one by one. */
    public void refresh(Connection c) throws SQLException {
        refreshAll(c);
    }

    /** Every place of the warehouse (a full rebuild, e.g. after a manual repair). */
    public void refreshAll(Connection c) throws SQLException {
        lockExclusively(c);
        refresh(c, strings(c, "select distinct coalesce(postal_code, '') from mart_ref.startup_member"
                + " union select coalesce(postal_code, '') from core.review_pair where status = 'PENDING'"), true);
    }

    static int lockKey(String postalCode) {
        return postalCode.hashCode();
    }

    private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void compare(List<Candidate> group, Map<String, Pair> pairs) {
        for (int i = 0; i < group.size(); i++) {
            Candidate x = group.get(i);
            for (int j = i + 1; j < group.size(); j++) {
                Candidate y = group.get(j);
                if (x.key().equals(y.key()) || (x.en() != null && y.en() != null && !x.en().equals(y.en()))) {
                    continue;
                }
                double sim = x.nameKey().equals(y.nameKey()) ? 1.0 : JW.apply(x.nameKey(), y.nameKey());
                if (sim < THRESHOLD) {
                    continue;
                }
                boolean xFirst = x.key().compareTo(y.key()) < 0;
                Candidate a = xFirst ? x : y;
                Candidate b = xFirst ? y : x;
                String reason = a.ambiguous() || b.ambiguous() ? "AMBIGUOUS_ENTERPRISE_NUMBER" : "LOOK_ALIKE";
                String id = a.key() + "\u0000" + b.key();
                Pair old = pairs.get(id);
                if (old == null || old.similarity() < sim) {
                    pairs.put(id, new Pair(a.key(), b.key(), a.pc(), a.name(), b.name(), sim, reason));
                }
            }
        }
    }
}
