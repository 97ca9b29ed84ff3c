package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Found by the fault campaign (issue 17): after PostgreSQL restarted, an instance took its node lock
 * again only at its next minute's sweep; meanwhile the other instances' sweeps (before every nightly
 * run) found the lock free and marked its running work FAILED as if it had stopped. And the work it
 * had running when the warehouse went away (an HR pull, its nightly run) stayed RUNNING for ever once
 * the lock was held again, blocking every later pull and nightly run: nobody failed it.
 */
class NodeLockTest extends WarehouseTest {
    static final String HOLDER = """
            select pid from pg_locks where locktype = 'advisory' and granted and classid = ?::oid and objsubid = 2
              and database = (select oid from pg_database where datname = current_database())""";

    @Autowired
    NodeLiveness liveness;

    @Test
    void theNodeLockIsTakenAgainWithinSecondsOfLosingItsSessionAndTheWorkCutWithItIsFailed() {
        // work of this instance whose sessions died with the lock's
        jdbc.update("insert into ops.import (source, partner, file_name, trigger, status, node, started_at)"
                + " values ('hr', null, 'GET http://hr/declarations', 'NIGHTLY', 'RUNNING', ?, now() - interval '1 minute')",
                liveness.node());
        jdbc.update("insert into ops.pull_run (pull, trigger, status, node, started_at)"
                + " values ('hr', 'NIGHTLY', 'RUNNING', ?, now() - interval '1 minute')", liveness.node());
        jdbc.update("insert into ops.nightly_run (scheduled_for, status, node, started_at)"
                + " values (now() - interval '1 minute', 'RUNNING', ?, now() - interval '1 minute')", liveness.node());
        List<Integer> before = jdbc.queryForList(HOLDER, Integer.class, (long) NodeLiveness.LOCK_SPACE);
        assertThat(before).hasSize(1);
        // what a warehouse restart does to the session holding the lock
        jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, before.get(0));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Integer> now = jdbc.queryForList(HOLDER, Integer.class, (long) NodeLiveness.LOCK_SPACE);
            return now.size() == 1 && !now.get(0).equals(before.get(0));
        });
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject("""
                select (select count(*) from ops.import where status = 'FAILED' and message like '%connection was lost%')
                     + (select count(*) from ops.pull_run where status = 'FAILED' and message like '%connection was lost%')
                     + (select count(*) from ops.nightly_run where status = 'FAILED' and message like '%connection was lost%')""",
                Long.class) == 3);
    }
}
