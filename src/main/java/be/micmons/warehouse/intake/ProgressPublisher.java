package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the rows read so far by a running import to its {@code ops.import} row, so that every
 * instance's API and console show the progress, not only the instance running it (DESIGN §12).
 * Best effort, on its own thread: a write still under way, a busy pool or a locked row skips a
 * beat; the import itself never waits for it.
 */
@Component
public class ProgressPublisher implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProgressPublisher.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long intervalNanos;
    // one thread, no queue: a write offered while the previous one runs is dropped
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "import-progress");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public ProgressPublisher(JdbcTemplate jdbc, TransactionTemplate tx, MicProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.intervalNanos = props.intake().progressInterval().toNanos();
    }

    long intervalNanos() {
        return intervalNanos;
    }

    void publish(long importId, long rowsRead) {
        writer.execute(() -> {
            try {
                tx.executeWithoutResult(s -> {
                    jdbc.execute("set local lock_timeout = '200ms'");
                    jdbc.update("update ops.import set rows_read = ? where id = ? and status = 'RUNNING'",
                            rowsRead, importId);
                });
            } catch (RuntimeException e) {
                log.debug("Progress of import {} not written ({}); the next beat tries again", importId, e.getMessage());
            }
        });
    }

    @Override
    public void destroy() {
        writer.shutdownNow();
    }
}
