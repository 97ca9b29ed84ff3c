package be.micmons.warehouse.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * V2, V3, V4, V10, V20 and V40 once created views too; their views now live only in the repeatable
 * migrations (V90 drops the old ones, R__*.sql recreate them), and those scripts were cut down to
 * their tables. A warehouse that applied the old scripts records their old checksums, which
 * Flyway's validation would refuse. Before validation this realigns exactly those versions, and
 * only from the checksum of the script as it was published to the one of its cut-down text: any
 * other difference still fails validation, as it should.
 */
@Component
public class RewrittenMigrations implements Callback {
    private static final Logger log = LoggerFactory.getLogger(RewrittenMigrations.class);

    /** version -> {checksum of the published script, checksum of the script without its views}. */
    static final Map<String, int[]> REWRITTEN = Map.of(
            "2", new int[] {-1807944100, -1397900022},
            "3", new int[] {-1839533320, 58190356},
            "4", new int[] {1674486557, 1856755097},
            "10", new int[] {-1448775436, -959080234},
            "20", new int[] {1037715194, -726890135},
            "40", new int[] {-2025491377, -1984234219});

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection c = context.getConnection();
        String table = context.getConfiguration().getTable();
        try {
            String schema = context.getConfiguration().getDefaultSchema();
            if (schema == null) {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select current_schema()")) {
                    rs.next();
                    schema = rs.getString(1);
                }
            }
            String history;
            try (PreparedStatement ps = c.prepareStatement("select to_regclass(quote_ident(?) || '.' || quote_ident(?))::text")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    history = rs.getString(1);
                }
            }
            if (history == null) {
                return; // a new warehouse: nothing applied yet
            }
            try (PreparedStatement ps = c.prepareStatement("update " + history
                    + " set checksum = ? where version = ? and type = 'SQL' and checksum = ?")) {
                for (var e : REWRITTEN.entrySet()) {
                    ps.setInt(1, e.getValue()[1]);
                    ps.setString(2, e.getKey());
                    ps.setInt(3, e.getValue()[0]);
                    if (ps.executeUpdate() > 0) {
                        log.info("Flyway: V{} was applied with its views; its checksum now names the script without"
                                + " them (the views are in the repeatable migrations)", e.getKey());
                    }
                }
            }
        } catch (SQLException e) {
            throw new FlywayException("could not realign the checksums of the rewritten migrations", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "rewritten-migrations";
    }
}
