package be.micmons.warehouse.intake;

import be.micmons.warehouse.warehouse.CopyWriter;
import java.net.InetAddress;
import java.sql.Connection;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code ops.import} ledger (DESIGN §8): one row per file or pull, RUNNING committed first. */
@Component
public class ImportLedger {
    private final JdbcTemplate jdbc;
    private final String node;

    public ImportLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.node = nodeName();
    }

    /** Claims a file's content: a RUNNING row, committed, or empty when a live import already has it. */
    public Optional<Long> claim(String source, String partner, String fileName, String sha256, String trigger) {
        try {
            return Optional.ofNullable(jdbc.queryForObject("""
                    insert into ops.import (source, partner, file_name, sha256, trigger, status, node)
                    values (?, ?, ?, ?, ?, 'RUNNING', ?) returning id""",
                    Long.class, source, partner, fileName, sha256, trigger, node));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Starts an import that is not a file (a pull). */
    public long start(String source, String partner, String what, String trigger) {
        return jdbc.queryForObject("""
                insert into ops.import (source, partner, file_name, trigger, status, node)
                values (?, ?, ?, ?, 'RUNNING', ?) returning id""",
                Long.class, source, partner, what, trigger, node);
    }

    /** Records a re-delivered file: a finished DUPLICATE row pointing to the import that has it. */
    public long duplicate(String source, String partner, String fileName, String sha256, String trigger) {
        return jdbc.queryForObject("""
                insert into ops.import (source, partner, file_name, sha256, trigger, status, node,
                                        started_at, finished_at, duplicate_of, message)
                select ?, ?, ?, ?, ?, 'DUPLICATE', ?, now(), now(), i.id,
                       'same content as import ' || i.id || ' (' || i.file_name || '): nothing to do'
                from ops.import i
                where i.source = ? and coalesce(i.partner, '') = coalesce(?, '') and i.sha256 = ?
                  and i.status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS')
                order by i.id limit 1
                returning id""",
                Long.class, source, partner, fileName, sha256, trigger, node, source, partner, sha256);
    }

    public void archived(long importId, String archivePath) {
        jdbc.update("update ops.import set archive_path = ? where id = ?", archivePath, importId);
    }

    /** Writes the outcome and the row problems on the import's own transaction. */
    public String finish(Connection tx, long importId, LoadResult result, RejectSink rejects) throws Exception {
        try (CopyWriter copy = new CopyWriter(tx,
                "COPY ops.rejected_row (import_id, line_no, field, reason_code, severity, message) FROM STDIN")) {
            for (RejectSink.Reject r : rejects.all()) {
                copy.row(importId, r.lineNo(), r.field(), r.reasonCode(), r.severity().name(), r.message());
            }
            copy.finish();
        }
        String status = rejects.hasErrors() ? "LOADED_WITH_REJECTS" : "LOADED";
        try (var ps = tx.prepareStatement("""
                update ops.import set status = ?, rows_read = ?, rows_loaded = ?, rows_rejected = ?,
                       rows_duplicate = ?, finished_at = clock_timestamp()
                where id = ?""")) {
            ps.setString(1, status);
            ps.setLong(2, result.rowsRead());
            ps.setLong(3, result.rowsLoaded());
            ps.setLong(4, rejects.rejectedRows());
            ps.setLong(5, result.rowsDuplicate());
            ps.setLong(6, importId);
            ps.executeUpdate();
        }
        return status;
    }

    /** Marks an import FAILED with a plain-language reason (its own transaction). */
    public void failed(long importId, String message) {
        jdbc.update("update ops.import set status = 'FAILED', finished_at = clock_timestamp(), message = ? where id = ?",
                message, importId);
    }

    public String node() {
        return node;
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid:" + ProcessHandle.current().pid();
        }
    }
}
