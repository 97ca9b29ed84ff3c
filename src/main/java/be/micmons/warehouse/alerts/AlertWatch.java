package be.micmons.warehouse.alerts;

import be.micmons.warehouse.deliveries.Deliveries;
import be.micmons.warehouse.nightly.NightlyProperties;
import be.micmons.warehouse.warehouse.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds what deserves an alert (DESIGN §15), called by the {@code alerts-watch} route: files that
 * ended FAILED, imports with ERROR rows, failed or late nightly runs, deliveries turned MISSING,
 * HELD imports, and a warehouse that was unreachable longer than {@code mic.alerts.outage-after}.
 * It reads the ledger the intake and the nightly run write, so they carry no alert code; each cause
 * is recorded once by {@link AlertService}.
 */
@Component("alertWatch")
public class AlertWatch {
    private static final Logger log = LoggerFactory.getLogger(AlertWatch.class);
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private final AlertService alerts;
    private final AlertProperties props;
    private final NamedParameterJdbcTemplate jdbc;
    private final Deliveries deliveries;
    private final NightlyProperties nightly;
    private final AlertTexts texts;
    private Instant downSince;

    public AlertWatch(AlertService alerts, AlertProperties props, NamedParameterJdbcTemplate jdbc,
                      Deliveries deliveries, NightlyProperties nightly, AlertTexts texts) {
        this.alerts = alerts;
        this.props = props;
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.nightly = nightly;
        this.texts = texts;
    }

    public synchronized void scan() {
        if (!alerts.enabled()) {
            return;
        }
        try {
            jdbc.getJdbcTemplate().queryForObject("select 1", Integer.class);
        } catch (RuntimeException e) {
            if (downSince == null) {
                downSince = Instant.now();
            }
            return;
        }
        if (downSince != null) {
            Instant back = Instant.now();
            if (Duration.between(downSince, back).compareTo(props.outageAfter()) >= 0) {
                alerts.raise(texts.outage(downSince, back));
            }
            downSince = null;
        }
        step("alerts kept in memory", alerts::flushQueued);
        Map<String, Object> args = Map.of("lookback", props.lookback().toSeconds(), "settle", props.settle().toSeconds(),
                "late", props.nightlyLateAfter().toSeconds());
        step("failed files", () -> jdbc.queryForList(Sql.resource("sql/alerts/failed-files.sql"), args)
                .forEach(r -> alerts.raise(texts.failedFile(r))));
        step("files with errors", () -> jdbc.queryForList(Sql.resource("sql/alerts/files-with-errors.sql"), args)
                .forEach(r -> alerts.raise(texts.fileWithErrors(r))));
        step("nightly runs", () -> jdbc.queryForList(Sql.resource("sql/alerts/nightly-runs.sql"), args)
                .forEach(r -> alerts.raise(texts.nightly(r, props.nightlyLateAfter()))));
        step("nightly not started", this::nightlyNotStarted);
        step("held imports", () -> jdbc.queryForList(Sql.resource("sql/alerts/held-imports.sql"), args)
                .forEach(r -> alerts.raise(texts.held(r))));
        step("missing deliveries", this::missingDeliveries);
    }

    /** A period whose due date passed within the look-back window, with no delivery. */
    private void missingDeliveries() {
        LocalDate today = deliveries.today();
        LocalDate since = today.minusDays(Math.max(1, props.lookback().toDays()));
        for (Deliveries.Delivery d : deliveries.between(since.minusYears(1).minusDays(366), today)) {
            if (d.status() == Deliveries.Status.MISSING && !d.dueOn().isBefore(since)) {
                alerts.raise(texts.missing(d));
            }
        }
    }

    /** The last firing of the nightly cron, older than the late delay, with no run at all. */
    private void nightlyNotStarted() throws Exception {
        CronExpression cron = new CronExpression(nightly.cron());
        cron.setTimeZone(TimeZone.getTimeZone(nightly.zone()));
        Instant now = Instant.now();
        Instant horizon = now.minus(props.nightlyLateAfter());
        Date t = cron.getNextValidTimeAfter(Date.from(horizon.minus(Duration.ofDays(2))));
        Instant last = null;
        for (int i = 0; t != null && t.toInstant().isBefore(horizon) && i < 100_000; i++) {
            last = t.toInstant();
            t = cron.getNextValidTimeAfter(t);
        }
        if (last == null || last.isBefore(now.minus(props.lookback()))) {
            return;
        }
        Map<String, Object> a = Map.of("at", OffsetDateTime.ofInstant(last, BRUSSELS));
        // only where nightly runs already happened: a warehouse installed today missed no night
        Boolean missed = jdbc.queryForObject("""
                select exists (select 1 from ops.nightly_run where scheduled_for < :at)
                   and not exists (select 1 from ops.nightly_run
                                   where scheduled_for between :at - interval '1 minute' and :at + interval '1 minute')""",
                a, Boolean.class);
        if (Boolean.TRUE.equals(missed)) {
            alerts.raise(texts.nightlyNotStarted(last, props.nightlyLateAfter()));
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private void step(String what, Step s) {
        try {
            s.run();
        } catch (Exception e) {
            log.warn("Alerts: checking {} failed: {}", what, e.getMessage());
        }
    }

    static String when(Object t) {
        if (t instanceof java.sql.Timestamp ts) {
            return WHEN.format(ts.toInstant().atZone(BRUSSELS));
        }
        if (t instanceof OffsetDateTime o) {
            return WHEN.format(o.atZoneSameInstant(BRUSSELS));
        }
        if (t instanceof Instant i) {
            return WHEN.format(i.atZone(BRUSSELS));
        }
        return String.valueOf(t);
    }
}
