package be.micmons.warehouse.alerts;

import be.micmons.warehouse.privacy.LogSafe;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Raising an alert only records it (DESIGN §15): one {@code ops.alert} row per cause key, inserted
 * once; the {@code alerts-send} route mails it later. It never throws and never waits on SMTP, so
 * no import is blocked or failed by an alert. While the warehouse cannot be reached the alert
 * waits in memory and is recorded once it is back.
 */
@Service("alertService")
public class AlertService implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    static final int MAX_QUEUED = 1_000;

    private final JdbcTemplate jdbc;
    private final AlertProperties props;
    private final Deque<Alert> queued = new ArrayDeque<>();

    public AlertService(JdbcTemplate jdbc, AlertProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** One alert: kind (IMPORT_FAILED…), the key of its cause, and its French subject and body. */
    public record Alert(String kind, String causeKey, String subject, String body) {
    }

    @Override
    public void afterPropertiesSet() {
        if (!props.enabled()) {
            log.info("Alerts are off: no mic.alerts.smtp.host is set (DESIGN §15)");
        } else if (props.recipients().isEmpty() || props.mailFrom() == null || props.mailFrom().isBlank()) {
            log.warn("Alerts: mic.alerts.mail-from and mic.alerts.mail-to must both be set; no alert can be mailed");
        } else {
            log.info("Alerts are mailed through {}:{} to {} recipient(s) of mic.alerts.mail-to", props.smtp().host(), props.smtp().port(),
                    props.recipients().size()); // no address in the log (DESIGN §16)
        }
    }

    public boolean enabled() {
        return props.enabled();
    }

    /** Records an alert unless its cause was recorded before; true when it is new. Never throws. */
    public boolean raise(String kind, String causeKey, String subject, String body) {
        return raise(new Alert(kind, causeKey, subject, body));
    }

    public boolean raise(Alert a) {
        if (!props.enabled()) {
            return false;
        }
        try {
            flushQueued();
            return insert(a);
        } catch (RuntimeException e) {
            synchronized (queued) {
                if (queued.size() < MAX_QUEUED) {
                    queued.add(a);
                }
            }
            log.warn("Alert '{}' kept in memory until the warehouse answers: {}", LogSafe.text(a.subject()), e.getMessage());
            return false;
        }
    }

    /** Records the alerts kept while the warehouse was away. */
    public void flushQueued() {
        while (true) {
            Alert a;
            synchronized (queued) {
                a = queued.peek();
            }
            if (a == null) {
                return;
            }
            insert(a); // throws while the warehouse is still away: the alert stays queued
            synchronized (queued) {
                queued.poll();
            }
        }
    }

    private boolean insert(Alert a) {
        int n = jdbc.update("""
                insert into ops.alert (kind, cause_key, subject, detail) values (?, ?, ?, ?)
                on conflict (cause_key) do nothing""", a.kind(), a.causeKey(), a.subject(), a.body());
        if (n == 1) {
            log.info("Alert {}: {}", a.kind(), LogSafe.text(a.subject())); // a file name may hold a line break
        }
        return n == 1;
    }
}
