package be.micmons.warehouse.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rows read so far by running imports, for the API and the log. */
public final class ImportProgress {
    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);
    private static final Map<Long, ImportProgress> RUNNING = new ConcurrentHashMap<>();
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final long importId;
    private final String fileName;
    private final long startNanos = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private volatile long lastLog = startNanos;

    private ImportProgress(long importId, String fileName) {
        this.importId = importId;
        this.fileName = fileName;
    }

    static ImportProgress start(long importId, String fileName) {
        ImportProgress p = new ImportProgress(importId, fileName);
        RUNNING.put(importId, p);
        return p;
    }

    void finish() {
        RUNNING.remove(importId);
    }

    /** Rows read so far by a running import, or -1 when it is not running here. */
    public static long rowsSoFar(long importId) {
        ImportProgress p = RUNNING.get(importId);
        return p == null ? -1 : p.rows.get();
    }

    public static double rowsPerSecond(long importId) {
        ImportProgress p = RUNNING.get(importId);
        return p == null ? 0 : p.rate();
    }

    /** Called by loaders for each row read; logs progress every ten seconds. */
    public void rowRead() {
        long n = rows.incrementAndGet();
        if ((n & 0xFFFF) == 0) {
            long now = System.nanoTime();
            if (now - lastLog > LOG_EVERY_NANOS) {
                lastLog = now;
                log.info("Import {} ({}): {} rows read, {} rows/s", importId, fileName, n, Math.round(rate()));
            }
        }
    }

    private double rate() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return secs <= 0 ? 0 : rows.get() / secs;
    }
}
