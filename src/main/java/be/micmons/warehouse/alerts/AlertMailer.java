package be.micmons.warehouse.alerts;

import be.micmons.warehouse.warehouse.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rows the {@code alerts-send} route mails: claimed a few at a time (several instances never
 * mail the same row), marked SENT after the SMTP server took the mail, or put back with a growing
 * pause when it could not be reached even after Camel's redeliveries.
 */
@Component("alertMailer")
public class AlertMailer {
    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);
    static final int BATCH = 10;
    private static final Duration MAX_PAUSE = Duration.ofMinutes(30);

    private final NamedParameterJdbcTemplate jdbc;
    private final AlertProperties props;

    public AlertMailer(NamedParameterJdbcTemplate jdbc, AlertProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** The alerts to mail now (none when alerts are off or have nobody to write to). */
    public List<Map<String, Object>> pending() {
        if (!props.enabled() || props.recipients().isEmpty() || props.mailFrom() == null || props.mailFrom().isBlank()) {
            return List.of();
        }
        try {
            return jdbc.queryForList(Sql.resource("sql/alerts/claim-pending.sql"), Map.of("limit", BATCH));
        } catch (RuntimeException e) {
            log.debug("alerts: no pending alert read ({})", e.getMessage());
            return List.of();
        }
    }

    public String from() {
        return props.mailFrom() == null ? "" : props.mailFrom();
    }

    public String recipients() {
        return String.join(",", props.recipients());
    }

    public void sent(@Header("alertId") long id) {
        jdbc.update("update ops.alert set status = 'SENT', sent_at = clock_timestamp(), last_error = null where id = :id",
                Map.of("id", id));
        log.info("Alert {} mailed to {} recipient(s) of mic.alerts.mail-to", id, props.recipients().size()); // no address in the log (DESIGN §16)
    }

    /** The SMTP server refused or could not be reached: the alert waits, then is tried again. */
    public void failed(@Header("alertId") long id, @Header("alertAttempts") int attempts,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String error = cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        long pause = Math.min(MAX_PAUSE.toMillis(), props.retryDelay().toMillis() * (1L << Math.min(10, Math.max(0, attempts - 1))));
        jdbc.update("""
                update ops.alert set status = 'PENDING', claimed_at = null, last_error = :error,
                       next_try_at = clock_timestamp() + make_interval(secs => :pause)
                where id = :id and status = 'SENDING'""",
                Map.of("id", id, "error", error == null ? "unknown error" : error, "pause", pause / 1000.0));
        log.warn("Alert {} could not be mailed (attempt {}): {}; tried again in {} s", id, attempts, error, pause / 1000);
    }
}
