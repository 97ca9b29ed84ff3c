package be.micmons.warehouse.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows read so far by running imports: logged every ten seconds, written to the import's row every
 * {@code mic.intake.progress-interval} (so every instance shows it), shown by the API and console.
 */
public final class ImportProgress {
    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);
    private static final Map<Long, ImportProgress> RUNNING = new ConcurrentHashMap<>();
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final long importId;
    private final String fileName;
    private final ProgressPublisher publisher;
    private final long startNanos = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private volatile long lastLog = startNanos;
    private volatile long lastPublish = startNanos;

    private ImportProgress(long importId, String fileName, ProgressPublisher publisher) {
        this.importId = importId;
        this.fileName = fileName;
        this.publisher = publisher;
    }

    static ImportProgress start(long importId, String fileName, ProgressPublisher publisher) {
        ImportProgress p = new ImportProgress(importId, fileName, publisher);
        RUNNING.put(importId, p);
        return p;
    }

    /** Rows read so far. */
    long rows() {
        return rows.get();
    }

    void finish() {
        RUNNING.remove(importId);
    }

    /** Rows read so far by a running import, or -1 when it is not running here. */
    public static long rowsSoFar(long importId) {
        ImportProgress p = RUNNING.get(importId);
        return p == null ? -1 : p.rows.get();
    }

    /** Called by loaders for each row read; every 65,536 rows, logs or publishes when due. */
    public void rowRead() {
        long n = rows.incrementAndGet();
        if ((n & 0xFFFF) == 0) {
            long now = System.nanoTime();
            if (now - lastLog > LOG_EVERY_NANOS) {
                lastLog = now;
                log.info("Import {} ({}): {} rows read, {} rows/s", importId, fileName, n, Math.round(rate()));
            }
            if (publisher != null && now - lastPublish > publisher.intervalNanos()) {
                lastPublish = now;
                publisher.publish(importId, n);
            }
        }
    }

    /**
     * Adds the progress to an {@code ops.import} row (API, console): for a RUNNING import, the rows
     * read so far (this instance's count, else the last one written to the row) and the rate.
     */
    public static Map<String, Object> decorate(Map<String, Object> row) {
        if (!"RUNNING".equals(row.get("status")) || row.get("id") == null) {
            return row;
        }
        ImportProgress p = RUNNING.get(((Number) row.get("id")).longValue());
        if (p != null) {
            row.put("rows_read", p.rows.get());
            row.put("rows_per_second", Math.round(p.rate()));
        } else if (row.get("rows_read") instanceof Number n && row.get("started_at") instanceof java.util.Date started) {
            double secs = (System.currentTimeMillis() - started.getTime()) / 1e3;
            row.put("rows_per_second", secs <= 0 ? 0 : Math.round(n.longValue() / secs));
        }
        return row;
    }

    private double rate() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return secs <= 0 ? 0 : rows.get() / secs;
    }
}
