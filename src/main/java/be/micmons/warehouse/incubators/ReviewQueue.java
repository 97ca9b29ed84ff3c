package be.micmons.warehouse.incubators;

import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Component;

/**
 * The look-alike review queue of DESIGN §7: start-ups with the same postal code whose name keys
 * have a Jaro-Winkler similarity of at least 0.90, not carrying two different enterprise numbers.
 * They count as distinct until an admin merges them.
 */
@Component
public class ReviewQueue {
    public static final double THRESHOLD = 0.90;
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private record Candidate(String key, String nameKey, String pc, String en, boolean ambiguous, String name) {}

    private record Pair(String a, String b, String pc, String nameA, String nameB, double similarity, String reason) {}

    /** Recomputes the pending pairs from the live records, under a lock shared by all instances. */
    public void refresh(Connection c) throws SQLException {
        Sql.run(c, "select pg_advisory_xact_lock(hashtext('core.startup identity'))");
        Map<String, Pair> pairs = new LinkedHashMap<>();
        List<Candidate> group = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.resource("sql/incubators/review-candidates.sql"));
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
        Sql.run(c, Sql.resource("sql/incubators/review-pending-replace.sql"));
        try (PreparedStatement ins = c.prepareStatement("""
                insert into core.review_pair (key_a, key_b, postal_code, name_a, name_b, similarity, reason)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (key_a, key_b) do nothing""")) {
            for (Pair p : pairs.values()) {
                ins.setString(1, p.a());
                ins.setString(2, p.b());
                ins.setString(3, p.pc().isEmpty() ? null : p.pc());
                ins.setString(4, p.nameA());
                ins.setString(5, p.nameB());
                ins.setBigDecimal(6, java.math.BigDecimal.valueOf(p.similarity()).setScale(4, java.math.RoundingMode.HALF_UP));
                ins.setString(7, p.reason());
                ins.addBatch();
            }
            ins.executeBatch();
        }
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
