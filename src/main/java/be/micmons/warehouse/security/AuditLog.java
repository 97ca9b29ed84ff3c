package be.micmons.warehouse.security;

import java.util.List;
import java.util.Map;
import be.micmons.warehouse.privacy.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail (DESIGN §9): {@code ops.audit}, append-only, and one log line per entry. ADMIN
 * actions over HTTP are recorded by {@link AuditFilter} without code in the endpoints; other code
 * (a scheduled job acting on its own) may call {@link #record} itself.
 */
@Component
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger("be.micmons.warehouse.audit");
    private static final int MAX_TEXT = 2000;

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes one entry; a warehouse that is away loses the row but never the log line nor the request. */
    public void record(String actor, String action, String target, String detail, String remoteAddr) {
        String a = clip(actor);
        String act = clip(action);
        String t = clip(target);
        String d = clip(detail);
        String r = clip(remoteAddr);
        log.info("AUDIT actor={} action={} target={} detail={} from={}", LogSafe.text(a), LogSafe.text(act),
                LogSafe.text(t), LogSafe.text(d), LogSafe.text(r));
        try {
            jdbc.update("insert into ops.audit (actor, action, target, detail, remote_addr) values (?, ?, ?, ?, ?)",
                    a, act, t, d, r);
        } catch (RuntimeException e) {
            log.warn("The audit entry above could not be written to ops.audit: {}", e.getMessage());
        }
    }

    /** The latest entries, newest first. */
    public List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList("""
                select id, at, actor, action, target, detail, remote_addr from ops.audit
                order by id desc limit ?""", limit);
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        String safe = be.micmons.warehouse.privacy.Redaction.scrub(s);
        return safe.length() <= MAX_TEXT ? safe : safe.substring(0, MAX_TEXT) + "…";
    }
}
