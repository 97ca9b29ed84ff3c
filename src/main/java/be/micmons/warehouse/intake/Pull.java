package be.micmons.warehouse.intake;

import java.util.List;

/**
 * A source pulled rather than dropped (exam database, HR API, partner SFTP sites). Each pull run
 * records its own import rows; {@code POST /api/pulls/{name}} and the nightly run call it.
 */
public interface Pull {

    /** The name in {@code POST /api/pulls/{name}}: exam-db, hr or partners. */
    String name();

    /** False when unconfigured (the pull is then skipped, said once in the log). */
    boolean enabled();

    /** Runs the pull now and returns the ids of the imports it recorded. */
    List<Long> pull(String trigger) throws Exception;
}
