package be.micmons.warehouse.nightly;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

/**
 * The time of the schedule a firing serves: its scheduled time, except for a firing Quartz makes
 * "now" after a misfire (the trigger was held by an instance that died, or every instance was
 * down), which serves the latest missed time of the cron. That time is the nightly run's fence
 * ({@code ops.nightly_run.scheduled_for}), the same whichever instance fires it.
 */
final class FiringSlot {
    private static final Duration FURTHEST = Duration.ofDays(800);

    private FiringSlot() {}

    static Instant served(Trigger trigger, Instant scheduled) {
        if (!(trigger instanceof CronTrigger cron)) {
            return scheduled; // a one-off firing (Scheduler.triggerJob) serves its own time
        }
        CronExpression schedule;
        try {
            schedule = new CronExpression(cron.getCronExpression());
        } catch (ParseException e) {
            return scheduled;
        }
        schedule.setTimeZone(cron.getTimeZone());
        return latestAtOrBefore(schedule, scheduled);
    }

    /** The latest time of the schedule at or before t (t itself when it is one). */
    static Instant latestAtOrBefore(CronExpression schedule, Instant t) {
        Date limit = Date.from(t);
        for (Duration back = Duration.ofSeconds(1); back.compareTo(FURTHEST) < 0; back = back.multipliedBy(2)) {
            Date found = schedule.getNextValidTimeAfter(Date.from(t.minus(back).minusMillis(1)));
            if (found != null && !found.after(limit)) {
                for (Date next = schedule.getNextValidTimeAfter(found); next != null && !next.after(limit);
                     next = schedule.getNextValidTimeAfter(next)) {
                    found = next;
                }
                return found.toInstant();
            }
        }
        return t;
    }
}
