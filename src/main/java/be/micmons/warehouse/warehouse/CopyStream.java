package be.micmons.warehouse.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The transport of {@link CopyWriter} and {@link BinaryCopyWriter}: one {@code COPY ... FROM STDIN}
 * on the caller's connection, fed by a second thread, so that formatting rows and sending them to
 * PostgreSQL use both cores. The caller hands over chunks of rows; at most four wait, so memory
 * stays bounded.
 *
 * @param <T> a chunk of rows, written to the COPY by the sender thread
 */
final class CopyStream<T> implements AutoCloseable {

    /** Writes one chunk to the COPY, on the sender thread. */
    interface Encoder<T> {
        void write(T chunk, OutputStream out) throws IOException;
    }

    private static final Object END = new Object();

    private final PGCopyOutputStream out;
    private final Encoder<T> encoder;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Thread sender;
    private volatile Throwable failure;
    private boolean ended;

    CopyStream(Connection connection, String copySql, Encoder<T> encoder) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.out = new PGCopyOutputStream(pg, copySql, 1 << 16);
        this.encoder = encoder;
        this.sender = new Thread(this::send, "copy-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @SuppressWarnings("unchecked")
    private void send() {
        try {
            for (Object chunk = queue.take(); chunk != END; chunk = queue.take()) {
                if (failure == null) {
                    encoder.write((T) chunk, out);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    /** Queues a chunk for the sender; waits while four are queued. */
    void handOff(T chunk) {
        rethrow();
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming COPY", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("COPY to PostgreSQL failed: " + t.getMessage(), t);
        }
    }

    /** Waits for the sender to write what is queued and ends the COPY; returns the rows PostgreSQL took. */
    long finish() throws SQLException {
        stopSender();
        rethrow();
        return out.endCopy();
    }

    private void stopSender() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            queue.put(END);
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (!ended && failure == null) {
            failure = new IllegalStateException("COPY abandoned");
        }
        stopSender();
        if (out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
