package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.ConflictException;
import be.micmons.warehouse.api.NotFoundException;
import be.micmons.warehouse.intake.ImportLedger;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin's decision on a finished import (DESIGN §9): withdraw it (its rows stop counting at the
 * commit, its archived file stays for a later re-import) or approve a HELD one (it starts counting).
 */
@Service
public class ImportDecisions {
    private final JdbcTemplate jdbc;
    private final ImportLedger ledger;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    public ImportDecisions(JdbcTemplate jdbc, ImportLedger ledger, DataSource dataSource, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.tx = tx;
    }

    /** The status the import had; 404 when there is no such import, 409 when its status does not allow it. */
    public String withdraw(long importId, String reason) {
        String status = status(importId);
        if (!List.of("LOADED", "LOADED_WITH_REJECTS", "HELD").contains(status)) {
            throw new ConflictException("import " + importId + " is " + status + ": only a LOADED, LOADED_WITH_REJECTS"
                    + " or HELD import can be withdrawn");
        }
        Long replay = jdbc.queryForList("select id from ops.import where reimport_of = ? and status = 'RUNNING'",
                Long.class, importId).stream().findFirst().orElse(null);
        if (replay != null) {
            throw new ConflictException("import " + importId + " is being re-imported (import " + replay
                    + "): withdraw the re-import once it is loaded");
        }
        return decided(importId, c -> ledger.withdraw(c, importId, reason), "withdrawn");
    }

    public String approve(long importId) {
        String status = status(importId);
        if (!"HELD".equals(status)) {
            throw new ConflictException("import " + importId + " is " + status + ": only a HELD import can be approved");
        }
        return decided(importId, c -> ledger.approve(c, importId), "approved");
    }

    private interface Change {
        Optional<String> apply(Connection c) throws Exception;
    }

    private String decided(long importId, Change change, String what) {
        Optional<String> was = tx.execute(s -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                return change.apply(c);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (was == null || was.isEmpty()) {
            throw new ConflictException("import " + importId + " changed meanwhile and was not " + what
                    + "; look at it again");
        }
        return status(importId);
    }

    private String status(long importId) {
        return jdbc.queryForList("select status from ops.import where id = ?", String.class, importId).stream()
                .findFirst().orElseThrow(() -> new NotFoundException("no import " + importId));
    }
}
