package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.ConflictException;
import be.micmons.warehouse.api.NotFoundException;
import be.micmons.warehouse.intake.ImportLedger;
import be.micmons.warehouse.warehouse.Sql;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Re-imports (DESIGN §9): an archived file replayed through the normal load path with trigger
 * ADMIN. The RUNNING row is committed before the answer; the load runs in the background, and the
 * replayed import becomes SUPERSEDED in the transaction that commits the new one.
 */
@Service
public class ReimportService {
    private static final Logger log = LoggerFactory.getLogger(ReimportService.class);

    private final JdbcTemplate jdbc;
    private final ImportLedger ledger;
    private final ProducerTemplate background;

    public ReimportService(JdbcTemplate jdbc, ImportLedger ledger, ProducerTemplate background) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.background = background;
    }

    /** Claims the re-import of one import and starts it; returns the new import id. */
    public long reimport(long importId) {
        long newId = claim(importId);
        replay(List.of(newId));
        return newId;
    }

    /** Every archived file of a source (and partner) received in [from, to], replayed in the order received. */
    public List<Long> reimportPeriod(String source, String partner, LocalDate from, LocalDate to) {
        List<Map<String, Object>> files = jdbc.queryForList(Sql.resource("sql/ops/reimport-period.sql"),
                source, partner, partner, from, to);
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> f : files) {
            long oldId = ((Number) f.get("id")).longValue();
            try {
                ids.add(claim(oldId));
            } catch (ConflictException e) {
                log.info("Re-import of import {} skipped: {}", oldId, e.getMessage());
            }
        }
        List<Long> claimed = List.copyOf(ids);
        replay(claimed);
        log.info("Re-import of {} files of {}/{} received {}..{}: imports {}", claimed.size(), source,
                partner == null ? "*" : partner, from, to, claimed);
        return claimed;
    }

    /** Queued on route reimports (routes/background.camel.yaml): one after the other, in the order asked. */
    private void replay(List<Long> claimed) {
        background.sendBody("seda:reimports", claimed);
    }

    private long claim(long importId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, source, partner, file_name, sha256, archive_path, status, superseded_by, duplicate_of,
                       received_at
                from ops.import where id = ?""", importId);
        if (rows.isEmpty()) {
            throw new NotFoundException("no import " + importId);
        }
        Map<String, Object> old = rows.get(0);
        String status = (String) old.get("status");
        if (old.get("sha256") == null || old.get("archive_path") == null) {
            throw new ConflictException("import " + importId + " has no archived file (a pull, or a file that could"
                    + " not be read): run its pull again with POST /api/pulls/{name}");
        }
        String purged = ledger.purgedOn((String) old.get("source"), (String) old.get("sha256"));
        if (purged != null) {
            throw new ConflictException("the archived file of import " + importId + " was purged on " + purged
                    + " (older than mic.archive.retention): it can no longer be re-imported; its figures stay");
        }
        switch (status) {
            case "RUNNING" -> throw new ConflictException("import " + importId + " is still running");
            case "SUPERSEDED" -> throw new ConflictException("import " + importId + " was superseded by import "
                    + old.get("superseded_by") + ": re-import that one");
            case "DUPLICATE" -> throw new ConflictException("import " + importId + " is a DUPLICATE of import "
                    + old.get("duplicate_of") + ": re-import that one");
            case "HELD" -> throw new ConflictException("import " + importId + " is HELD: approve or withdraw it first");
            case "WITHDRAWN" -> {
                if (old.get("superseded_by") != null) {
                    throw new ConflictException("import " + importId + " was withdrawn and already re-imported as import "
                            + old.get("superseded_by") + ": re-import that one");
                }
                if (Boolean.TRUE.equals(jdbc.queryForObject("""
                        select exists (select 1 from ops.import where source = ? and coalesce(partner, '') = coalesce(?, '')
                                       and sha256 = ? and status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS', 'HELD'))""",
                        Boolean.class, old.get("source"), old.get("partner"), old.get("sha256")))) {
                    throw new ConflictException("the content of withdrawn import " + importId
                            + " was imported again meanwhile (dropped anew): nothing to replay");
                }
                return claimLive(importId);
            }
            case "FAILED" -> {
                return claimFailed(importId, old);
            }
            default -> {
                return claimLive(importId);
            }
        }
    }

    /** A live (or withdrawn) import replayed from the archive. */
    private long claimLive(long importId) {
        try {
            return ledger.claimReimport(importId).orElseThrow(() -> new ConflictException(
                    "import " + importId + " changed meanwhile; look at it again"));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a re-import of import " + importId + " is already running");
        }
    }

    /** A failed file is replayed as a new delivery of its content: DUPLICATE rules apply. */
    private long claimFailed(long importId, Map<String, Object> old) {
        Optional<Long> claim = ledger.claim((String) old.get("source"), (String) old.get("partner"),
                (String) old.get("file_name"), (String) old.get("sha256"), "ADMIN");
        if (claim.isEmpty()) {
            throw new ConflictException("the content of import " + importId + " is already loaded by another import");
        }
        long newId = claim.get();
        jdbc.update("update ops.import set archive_path = ?, received_at = ? where id = ?",
                old.get("archive_path"), old.get("received_at"), newId);
        jdbc.update("update ops.import set superseded_by = ? where id = ?", newId, importId);
        return newId;
    }
}
