package be.micmons.warehouse.support;

import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.admin.ReimportService;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The status changes that the marts' consistency tests mix into their random sequences, on the
 * imports of some sources: a re-import (the old import superseded in the new one's commit), and a
 * withdrawal and a counting again by a bare status change, as any code path could make them.
 */
public final class ImportSteps {
    private final JdbcTemplate jdbc;
    private final ReimportService reimports;
    private final String sources;
    private final Duration wait;

    /** sources: the SQL list of the sources whose imports the steps pick from, e.g. {@code 'exams'}. */
    public ImportSteps(JdbcTemplate jdbc, ReimportService reimports, String sources, Duration wait) {
        this.jdbc = jdbc;
        this.reimports = reimports;
        this.sources = sources;
        this.wait = wait;
    }

    public String reimport(Random rnd) {
        Long id = randomImport(rnd, "status in ('LOADED', 'LOADED_WITH_REJECTS') and sha256 is not null");
        if (id == null) {
            return "no import to re-import";
        }
        long next = reimports.reimport(id);
        await().atMost(wait).until(() -> !"RUNNING".equals(
                jdbc.queryForObject("select status from ops.import where id = ?", String.class, next)));
        return "re-import of " + id;
    }

    public String withdraw(Random rnd) {
        Long id = randomImport(rnd, "status in ('LOADED', 'LOADED_WITH_REJECTS')");
        if (id != null) {
            jdbc.update("update ops.import set status = 'SUPERSEDED' where id = ?", id);
        }
        return "import " + id + " withdrawn by a bare status change";
    }

    public String countAgain(Random rnd) {
        Long id = randomImport(rnd, "status = 'SUPERSEDED'");
        if (id == null) {
            return "nothing to count again";
        }
        try {
            jdbc.update("update ops.import set status = 'LOADED', superseded_by = null where id = ?", id);
        } catch (DataIntegrityViolationException e) {
            return "import " + id + " not counted again: its content is live in another import";
        }
        return "import " + id + " counted again by a bare status change";
    }

    private Long randomImport(Random rnd, String where) {
        List<Long> ids = jdbc.queryForList("select id from ops.import where source in (" + sources + ") and " + where
                + " order by id", Long.class);
        return ids.isEmpty() ? null : ids.get(rnd.nextInt(ids.size()));
    }
}
