package be.micmons.warehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Found by the fault campaign (issue 17): after an instance died during a nightly run, Quartz fired the
 * missed schedule "now" (07:43:19.480 for a cron of every 10 s), and the run was fenced on that odd
 * time instead of the time of the schedule it serves: two instances could each fence a different
 * time for the same missed firing, and the ledger named a firing the schedule never had.
 */
class FiringSlotTest {
    static Trigger cron(String expression, String zone) {
        return TriggerBuilder.newTrigger().withSchedule(CronScheduleBuilder.cronSchedule(expression)
                .inTimeZone(TimeZone.getTimeZone(zone))).build();
    }

    @Test
    void aMisfiredFiringServesTheLatestTimeOfTheSchedule() {
        Trigger every10s = cron("0/10 * * * * ?", "Europe/Brussels");
        assertThat(FiringSlot.served(every10s, Instant.parse("2026-12-01T07:43:19.480Z")))
                .isEqualTo(Instant.parse("2026-12-01T07:43:10Z"));
        Trigger nightly = cron("0 0 2 * * ?", "Europe/Brussels");
        assertThat(FiringSlot.served(nightly, Instant.parse("2026-12-02T01:01:19.480Z"))) // 02:01 in Brussels
                .isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
        assertThat(FiringSlot.served(nightly, Instant.parse("2026-12-02T00:30:00Z"))) // before 02:00: yesterday's
                .isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
    }

    @Test
    void aFiringOnTimeServesItsOwnTimeAndAOneOffFiringToo() {
        Trigger every10s = cron("0/10 * * * * ?", "UTC");
        assertThat(FiringSlot.served(every10s, Instant.parse("2026-12-01T07:43:20Z")))
                .isEqualTo(Instant.parse("2026-12-01T07:43:20Z"));
        Trigger oneOff = TriggerBuilder.newTrigger().startNow().build();
        Instant now = Instant.parse("2026-12-01T07:43:19.480Z");
        assertThat(FiringSlot.served(oneOff, now)).isEqualTo(now);
        assertThat(FiringSlot.served(null, now)).isEqualTo(now);
    }
}
