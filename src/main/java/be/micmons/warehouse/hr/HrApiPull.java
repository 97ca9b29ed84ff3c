package be.micmons.warehouse.hr;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.intake.Archive;
import be.micmons.warehouse.intake.ImportLedger;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.Pull;
import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.warehouse.Sql;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HR API pull (DESIGN §5.4): every page since the warehouse's cursor, staged with COPY and merged
 * in ONE transaction with its import row and the advanced cursor, so a failed pull loads nothing and
 * the next one starts from the same point. Events are deduplicated by identity, so overlaps are harmless.
 * Pages are asked through {@link HrApiClient} (the Camel route hr-api-page: transport, retries) and
 * streamed into the stage as they arrive.
 */
@Component
public class HrApiPull implements Pull {
    private static final Logger log = LoggerFactory.getLogger(HrApiPull.class);
    private static final int MAX_PAGES = 1_000_000;

    private final HrApiProperties props;
    private final Declarations declarations;
    private final ImportLedger ledger;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final int maxDetailedRejects;
    private final Archive archive;
    private final HrApiClient client;
    private final ObjectMapper json;
    private final AtomicBoolean offLogged = new AtomicBoolean();

    public HrApiPull(HrApiProperties props, Declarations declarations, ImportLedger ledger, DataSource dataSource,
                     TransactionTemplate tx, MicProperties mic, Archive archive, HrApiClient client, ObjectMapper json) {
        this.props = props;
        this.declarations = declarations;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.tx = tx;
        this.maxDetailedRejects = mic.intake().maxDetailedRejects();
        this.archive = archive;
        this.client = client;
        this.json = json;
    }

    @Override
    public String name() {
        return "hr";
    }

    @Override
    public boolean enabled() {
        return props.enabled();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void sayWhetherOn() {
        if (props.enabled()) {
            log.info("HR API pull: {}/declarations (POST /api/pulls/hr, nightly run)", props.baseUrl());
        } else {
            sayOff();
        }
    }

    private void sayOff() {
        if (offLogged.compareAndSet(false, true)) {
            log.info("HR API pull is off: mic.hr-api.url is not set (HR CSV drops in inbox/hr/ still work)");
        }
    }

    @Override
    public List<Long> pull(String trigger) throws Exception {
        if (!props.enabled()) {
            sayOff();
            return List.of();
        }
        return pull(trigger, props);
    }

    /** One pull against the given settings (the configured ones, or a test server's). */
    List<Long> pull(String trigger, HrApiProperties settings) throws Exception {
        String base = settings.baseUrl();
        Instant since = storedCursor(base).orElse(settings.initialSince());
        long importId = ledger.start("hr", null, what(base, since), trigger);
        Instant startedAt = Instant.now();
        RejectSink rejects = new RejectSink(maxDetailedRejects);
        long t0 = System.nanoTime();
        try {
            Outcome out = tx.execute(s -> {
                Connection c = DataSourceUtils.getConnection(dataSource);
                try {
                    return load(c, importId, base, since, startedAt, settings, rejects);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new PullFailure(e);
                }
            });
            LoadResult r = out.result();
            log.info("Import {}: HR API pull {} ({} pages since {}) in {} ms: {} items read, {} loaded, {} rejected, {} duplicate",
                    importId, out.status(), out.pages(), out.since(), (System.nanoTime() - t0) / 1_000_000,
                    r.rowsRead(), r.rowsLoaded(),
                    rejects.rejectedRows(), r.rowsDuplicate());
            return List.of(importId);
        } catch (Exception e) {
            Throwable cause = e instanceof PullFailure ? e.getCause() : e;
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reason = cause instanceof HrApiClient.HrApiException ? cause.getMessage()
                    : cause instanceof InterruptedException ? "The HR API pull was interrupted (shutdown); nothing was loaded."
                    : "The HR API pull failed because of an unexpected error: " + cause;
            if (!(cause instanceof HrApiClient.HrApiException)) {
                log.error("Import {}: HR API pull failed unexpectedly", importId, cause);
            }
            try {
                ledger.failed(importId, reason);
            } catch (RuntimeException ledgerDown) {
                log.warn("Import {} could not be marked FAILED: {}", importId, ledgerDown.getMessage());
                throw e;
            }
            log.warn("Import {}: HR API pull FAILED: {}", importId, reason);
            return List.of(importId);
        }
    }

    private record Outcome(LoadResult result, String status, int pages, Instant since) {}

    /** Inside the pull's transaction: pages -> staging -> events, cursor and import row. */
    private Outcome load(Connection c, long importId, String base, Instant since, Instant startedAt,
                          HrApiProperties settings, RejectSink rejects) throws Exception {
        // one HR pull at a time across instances; a second one waits and then starts from the new cursor
        Sql.run(c, "select pg_advisory_xact_lock(hashtext('mic-hr-api-pull'))");
        Instant from = cursor(c, base).orElse(since);
        if (!from.equals(since)) {
            Sql.update(c, "update ops.import set file_name = ? where id = ?", what(base, from), importId);
        }
        long read = 0;
        int pages = 0;
        Instant max;
        Path saved = Files.createTempFile("hr-pull-" + importId + "-", ".json");
        try {
            try (Declarations.Stage stage = declarations.openStage(c);
                 JsonGenerator out = json.createGenerator(Files.newOutputStream(saved), JsonEncoding.UTF8)) {
                // every item as received, in order: the pull's archive, readable again as a dropped file
                out.writeStartObject();
                out.writeArrayFieldStart("items");
                // DESIGN §5.4: the first request names no page (the server's own first page, numbered 0 or 1);
                // each later one asks the next_page of the answer before, until it is null
                Set<Integer> asked = new HashSet<>();
                Integer page = null;
                String label = "the first page";
                String emptyOne = null;
                while (true) {
                    long before = read;
                    ApiPage.Read r = client.page(settings, from, page, label, in -> {
                        try (JsonParser p = json.getFactory().createParser(in)) {
                            return ApiPage.readAnswer(p, json, before, (position, item) -> {
                                declarations.stageItem(stage, importId, position, item, rejects);
                                out.writeRaw('\n');
                                out.writeTree(item);
                            });
                        }
                    });
                    pages++;
                    read = r.lastPosition();
                    if (r.items() > 0 && emptyOne != null) {
                        throw new HrApiClient.HrApiException("The HR API sent items on " + label + " after " + emptyOne
                                + " had none: its paging cannot be trusted. Nothing was loaded.");
                    }
                    if (r.items() == 0 && emptyOne == null) {
                        emptyOne = label;
                    }
                    if (r.nextPage() == null) {
                        break;
                    }
                    if (!asked.add(r.nextPage())) {
                        throw new HrApiClient.HrApiException("The HR API's answer for " + label + " asks for page "
                                + r.nextPage() + " again: its paging loops. Nothing was loaded.");
                    }
                    if (asked.size() > MAX_PAGES) {
                        throw new HrApiClient.HrApiException("The HR API gave more than " + MAX_PAGES
                                + " pages: its paging cannot be trusted. Nothing was loaded.");
                    }
                    page = r.nextPage();
                    label = "page " + page;
                }
                out.writeEndArray();
                out.writeNullField("next_page");
                out.writeEndObject();
                stage.finish();
                max = stage.maxDeclaredAt();
            }
            Declarations.Merged merged = declarations.merge(c);
            if (max != null) {
                // never past the pull's own start (a mistyped future declared_at must not hide later events),
                // and a little before the latest event seen, for events the HR system commits late
                Instant next = (max.isAfter(startedAt) ? startedAt : max).minus(settings.cursorOverlap());
                Sql.update(c, """
                        insert into ops.hr_pull_cursor (api_url, since, import_id) values (?, ?, ?)
                        on conflict (api_url) do update
                            set since = greatest(ops.hr_pull_cursor.since, excluded.since),
                                import_id = excluded.import_id, updated_at = now()""",
                        base, next.atOffset(ZoneOffset.UTC), importId);
            }
            LoadResult result = new LoadResult(read, merged.loaded(), merged.duplicates());
            String status = ledger.finish(c, importId, result, rejects);
            // archived last: an instance killed after the copy is renamed into the archive and before the
            // commit leaves a copy that no import refers to, so that moment is kept to the commit itself;
            // such a copy is removed by the nightly sweep, which this lock keeps out until the commit
            Sql.run(c, Archive.STORE_LOCK);
            String sha = Archive.sha256(saved);
            Sql.update(c, "update ops.import set archive_path = ? where id = ?",
                    archive.store("hr", sha, saved).toString(), importId);
            return new Outcome(result, status, pages, from);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    private static String what(String base, Instant since) {
        return "GET " + base + "/declarations?since=" + since;
    }

    private static Optional<Instant> cursor(Connection c, String base) throws SQLException {
        try (var ps = Sql.prepare(c, "select since from ops.hr_pull_cursor where api_url = ?", base);
             var rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        }
    }

    private Optional<Instant> storedCursor(String base) throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return cursor(c, base);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** Carries a checked exception out of the transaction callback (and rolls it back). */
    private static final class PullFailure extends RuntimeException {
        PullFailure(Exception cause) {
            super(cause);
        }
    }
}
