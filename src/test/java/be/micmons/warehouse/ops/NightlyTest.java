package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.ops.NodeLiveness;
import be.micmons.warehouse.nightly.NightlyRun;
import be.micmons.warehouse.intake.Archive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The nightly run. The shared test context keeps a cron that never fires during a build (one
 * Spring context for every test class: a cron firing every few seconds would disturb the other
 * tests' warehouse); so this test checks that the Quartz route carries the configured cron on
 * the clustered JDBC store, fires that very Quartz job on demand, and checks the fence directly.
 */
class NightlyTest extends OpsTestBase {
    @Autowired
    CamelContext camel;
    @Autowired
    Scheduler scheduler;
    @Autowired
    NightlyRun nightly;
    @Autowired
    NodeLiveness liveness;
    @Autowired
    DataSource dataSource;

    private Trigger nightlyTrigger() throws Exception {
        QuartzEndpoint endpoint = (QuartzEndpoint) camel.getRoute("nightly").getEndpoint();
        return scheduler.getTrigger(endpoint.getTriggerKey());
    }

    @Test
    void theQuartzRouteCarriesTheConfiguredCronOnAClusteredJdbcStore() throws Exception {
        Trigger trigger = nightlyTrigger();
        assertThat(trigger).isInstanceOf(CronTrigger.class);
        assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo(NIGHTLY_TEST_CRON);
        assertThat(((CronTrigger) trigger).getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Brussels"));
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from qrtz_cron_triggers where cron_expression = ?",
                Long.class, NIGHTLY_TEST_CRON)).isEqualTo(1);
    }

    /**
     * Found by the fault campaign: two instances starting together on a new warehouse both stored
     * the nightly job, because Quartz's lock was taken in a statement of its own (no transaction
     * around Camel's scheduling) and released before the job was written; the second instance died
     * with a duplicate key. A probe trigger checks that a job is now written by the transaction that
     * holds Quartz's TRIGGER_ACCESS row lock (xmax of the lock row is that transaction).
     */
    @Test
    void quartzWritesAJobUnderItsLockEvenWithoutASpringTransaction() throws Exception {
        assertThat(jdbc.queryForList("select lock_name from qrtz_locks where sched_name = ? order by 1", String.class,
                scheduler.getSchedulerName())).containsExactly("STATE_ACCESS", "TRIGGER_ACCESS");
        jdbc.execute("create table public.quartz_lock_probe (held boolean not null)");
        jdbc.execute("""
                create function public.quartz_lock_probe() returns trigger language plpgsql as $$
                begin
                  insert into public.quartz_lock_probe
                  select l.xmax::text = pg_current_xact_id()::xid::text from qrtz_locks l
                  where l.sched_name = new.sched_name and l.lock_name = 'TRIGGER_ACCESS';
                  return new;
                end $$""");
        jdbc.execute("""
                create trigger quartz_lock_probe before insert on qrtz_job_details for each row
                when (new.job_name = 'lock-probe') execute function public.quartz_lock_probe()""");
        JobKey key = JobKey.jobKey("lock-probe", "test");
        try {
            scheduler.scheduleJob(JobBuilder.newJob(NoOpJob.class).withIdentity(key).build(),
                    TriggerBuilder.newTrigger().withIdentity("lock-probe", "test")
                            .startAt(Date.from(Instant.parse("2099-01-01T00:00:00Z"))).build());
            assertThat(jdbc.queryForList("select held from public.quartz_lock_probe", Boolean.class))
                    .as("the job was written by the transaction holding TRIGGER_ACCESS").containsExactly(true);
        } finally {
            scheduler.deleteJob(key);
            jdbc.execute("drop trigger quartz_lock_probe on qrtz_job_details");
            jdbc.execute("drop function public.quartz_lock_probe()");
            jdbc.execute("drop table public.quartz_lock_probe");
        }
    }

    /** A job class for the probe above: never fired. */
    public static class NoOpJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }

    @Test
    void firingTheQuartzJobRunsTheNightlyOnce() throws Exception {
        scheduler.triggerJob(nightlyTrigger().getJobKey());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from ops.nightly_run where status <> 'RUNNING'", Long.class) == 1);
        Map<String, Object> run = jdbc.queryForMap("select * from ops.nightly_run");
        assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
        assertThat(run.get("trigger")).isEqualTo("NIGHTLY");
        assertThat(run.get("node")).isEqualTo(liveness.node());
        assertThat((String) run.get("message")).contains("partners: not configured, skipped")
                .containsPattern("archive retention P10Y: \\d+ file\\(s\\) received before \\S+ purged; archive sweep: \\d+ copy");
    }

    @Test
    void theFenceLetsOneInstanceRunAFiring() {
        Instant firing = Instant.parse("2030-01-01T01:00:00Z");
        Optional<Long> first = nightly.claim(firing, "NIGHTLY");
        Optional<Long> second = nightly.claim(firing, "NIGHTLY");
        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        // another firing while this one still runs is recorded, not run
        Instant next = firing.plus(Duration.ofDays(1));
        assertThat(nightly.claim(next, "NIGHTLY")).isEmpty();
        assertThat(jdbc.queryForObject("select status from ops.nightly_run where scheduled_for = ?", String.class,
                next.atOffset(ZoneOffset.UTC))).isEqualTo("SKIPPED");
        nightly.execute(first.get());
        assertThat(jdbc.queryForObject("select count(*) from ops.nightly_run where scheduled_for = ?", Long.class,
                firing.atOffset(ZoneOffset.UTC))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from ops.nightly_run where id = ?", String.class, first.get()))
                .isEqualTo("SUCCEEDED");
        assertThat(nightly.claim(firing, "NIGHTLY")).isEmpty();
    }

    @Test
    void postNightlyRunsItNowAndRefusesASecondOneWhileItRuns() {
        assertThat(post(Who.NOBODY, "/api/nightly", null).status()).isEqualTo(401);
        assertThat(post(Who.VIEWER, "/api/nightly", null).status()).isEqualTo(403);
        Answer a = post(Who.ADMIN, "/api/nightly", null);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        long id = a.json().get("run").asLong();
        await().atMost(WAIT).until(() -> "SUCCEEDED".equals(
                jdbc.queryForObject("select status from ops.nightly_run where id = ?", String.class, id)));
        assertThat(get(Who.VIEWER, "/api/nightly/" + id).json().get("trigger").asText()).isEqualTo("ADMIN");

        jdbc.update("insert into ops.nightly_run (scheduled_for, status, node) values (now(), 'RUNNING', ?)", liveness.node());
        Answer busy = post(Who.ADMIN, "/api/nightly", null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("error").asText()).contains("running");
    }

    @Test
    void workLeftRunningByAStoppedInstanceIsFailedAndALiveOnesIsNot() throws Exception {
        jdbc.update("insert into ops.import (source, partner, file_name, trigger, status, node)"
                + " values ('incubators', 'mons-mic', 'gone.csv', 'FILE_DROP', 'RUNNING', 'gone-host:4242')");
        jdbc.update("insert into ops.pull_run (pull, trigger, status, node) values ('partners', 'NIGHTLY', 'RUNNING', 'gone-host:4242')");
        jdbc.update("insert into ops.import (source, partner, file_name, trigger, status, node)"
                + " values ('incubators', 'mons-mic', 'mine.csv', 'FILE_DROP', 'RUNNING', ?)", liveness.node());
        jdbc.update("insert into ops.import (source, partner, file_name, trigger, status, node)"
                + " values ('incubators', 'mons-mic', 'alive.csv', 'FILE_DROP', 'RUNNING', 'alive-host:7')");
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        // another instance, alive: it holds its node lock on its own session
        try (Connection other = DriverManager.getConnection(url, "postgres", warehousePassword());
             PreparedStatement ps = other.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, NodeLiveness.LOCK_SPACE);
            ps.setString(2, "alive-host:7");
            ps.execute();

            liveness.sweep();
            assertThat(jdbc.queryForMap("select status, message from ops.import where file_name = 'gone.csv'"))
                    .containsEntry("status", "FAILED")
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("(gone-host:4242) stopped before it finished"));
            assertThat(jdbc.queryForObject("select status from ops.pull_run", String.class)).isEqualTo("FAILED");
            assertThat(jdbc.queryForObject("select status from ops.import where file_name = 'mine.csv'", String.class))
                    .isEqualTo("RUNNING");
            assertThat(jdbc.queryForObject("select status from ops.import where file_name = 'alive.csv'", String.class))
                    .isEqualTo("RUNNING");
        }
        // the other instance's session ended: its work is failed at a next sweep (the server may
        // take a moment to end the closed session and free its lock)
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            liveness.sweep();
            return "FAILED".equals(jdbc.queryForObject(
                    "select status from ops.import where file_name = 'alive.csv'", String.class));
        });
        jdbc.update("update ops.import set status = 'FAILED' where status = 'RUNNING'");
    }

    @Test
    void aFileWhoseContentADeadImportHeldWaitsAndIsImportedOnceThatImportIsFailed() throws Exception {
        Path sample = Path.of("samples/incubators/namur-coworking/membres.csv");
        jdbc.update("insert into ops.import (source, partner, file_name, sha256, trigger, status, node)"
                + " values ('incubators', 'namur-coworking', 'membres.csv', ?, 'FILE_DROP', 'RUNNING', 'dead-host:1')",
                Archive.sha256(sample));
        Path dropped = dropCopy(sample, "incubators/namur-coworking/membres.csv");
        // not a DUPLICATE of an import that will never finish: the file waits in the inbox
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dropped)
                && jdbc.queryForObject("select count(*) from ops.import", Long.class) == 1);
        liveness.sweep();
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from ops.import where status = 'LOADED'", Long.class) == 1);
        assertThat(jdbc.queryForList("select status from ops.import order by id", String.class))
                .containsExactly("FAILED", "LOADED");
        await().atMost(WAIT).until(() -> !Files.exists(dropped));
    }
}
