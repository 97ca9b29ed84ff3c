package be.micmons.warehouse.deliveries;

import be.micmons.warehouse.warehouse.Sql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Expected deliveries (DESIGN §14). Each live import counts for one period: the earliest whose
 * window (first day to due date) holds the day it was received. A period with an import is
 * RECEIVED; without one it is DUE until its due date, then MISSING, or LATE when the next period
 * received more than one import and the first of them came after this period's due date (that
 * one was this period's delivery, sent late).
 */
@Service
public class Deliveries {
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private final DeliverySchedule schedule;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public Deliveries(DeliverySchedule schedule, NamedParameterJdbcTemplate jdbc) {
        this(schedule, jdbc, Clock.system(BRUSSELS));
    }

    Deliveries(DeliverySchedule schedule, NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.schedule = schedule;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public enum Status { RECEIVED, DUE, MISSING, LATE }

    public record Delivery(String source, String partner, String every, String period, LocalDate firstDay,
                           LocalDate lastDay, LocalDate dueOn, Status status, List<Long> imports) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(BRUSSELS));
    }

    /** Every expected period that starts between from and to (not after today), per deliverer. */
    public List<Delivery> between(LocalDate from, LocalDate to) {
        List<Delivery> out = new ArrayList<>();
        for (DeliverySchedule.Expected e : schedule.all()) {
            out.addAll(of(e, from, to));
        }
        return out;
    }

    List<Delivery> of(DeliverySchedule.Expected e, LocalDate from, LocalDate to) {
        LocalDate today = today();
        LocalDate last = to.isAfter(today) ? today : to;
        Cadence c = e.cadence();
        // one period before the range, so that an import of its grace days is not taken for the first one
        Cadence.Period p = c.periodOf(c.periodOf(from).first().minusDays(1));
        List<Cadence.Period> periods = new ArrayList<>();
        for (; !p.first().isAfter(last); p = c.next(p)) {
            periods.add(p);
        }
        // and one after, whose imports may be a late delivery of the last one
        periods.add(p);
        List<List<Long>> ids = new ArrayList<>();
        List<List<LocalDate>> days = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            ids.add(new ArrayList<>());
            days.add(new ArrayList<>());
        }
        Map<String, Object> args = new HashMap<>();
        args.put("source", e.source());
        args.put("partner", e.partner());
        args.put("from", periods.get(0).first());
        args.put("to", periods.get(periods.size() - 1).dueOn());
        jdbc.query(Sql.resource("sql/deliveries/live-imports.sql"), args, rs -> {
            LocalDate day = rs.getObject("received_on", LocalDate.class);
            for (int i = 0; i < periods.size(); i++) {
                if (periods.get(i).window(day)) {
                    ids.get(i).add(rs.getLong("id"));
                    days.get(i).add(day);
                    return;
                }
            }
        });
        Status[] status = new Status[periods.size()];
        for (int i = 0; i < periods.size(); i++) {
            Cadence.Period period = periods.get(i);
            if (!ids.get(i).isEmpty()) {
                status[i] = Status.RECEIVED;
            } else if (!today.isAfter(period.dueOn())) {
                status[i] = Status.DUE;
            } else if (i + 1 < periods.size() && ids.get(i + 1).size() > 1
                    && days.get(i + 1).get(0).isAfter(period.dueOn())) {
                ids.get(i).add(ids.get(i + 1).remove(0));
                days.get(i).add(days.get(i + 1).remove(0));
                status[i] = Status.LATE;
            } else {
                status[i] = Status.MISSING;
            }
        }
        List<Delivery> out = new ArrayList<>();
        for (int i = 1; i < periods.size() - 1; i++) {
            Cadence.Period period = periods.get(i);
            if (period.first().isBefore(c.periodOf(from).first()) || period.first().isAfter(last)) {
                continue;
            }
            out.add(new Delivery(e.source(), e.partner(), c.every().name().toLowerCase(), period.label(),
                    period.first(), period.last(), period.dueOn(), status[i], List.copyOf(ids.get(i))));
        }
        return out;
    }
}
