package be.micmons.warehouse.admin;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Background threads for the 202 answers: re-imports run one after the other in request order
 * (the later import wins for some sources), pulls and nightly runs on their own threads.
 */
@Component
public class OpsExecutors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsExecutors.class);
    private final ExecutorService reimports = Executors.newSingleThreadExecutor(named("mic-reimport"));
    private final ExecutorService jobs = Executors.newCachedThreadPool(named("mic-ops"));

    /** Work that must keep the order of the requests (re-imports). */
    public void inOrder(String what, Task task) {
        reimports.execute(() -> run(what, task));
    }

    /** Work that may run beside the rest (a pull, a nightly run). */
    public void now(String what, Task task) {
        jobs.execute(() -> run(what, task));
    }

    private static void run(String what, Task task) {
        try {
            task.run();
        } catch (Exception e) {
            log.error("{} failed", what, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        reimports.shutdown();
        jobs.shutdown();
        reimports.awaitTermination(30, TimeUnit.SECONDS);
        jobs.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A piece of background work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }
}
