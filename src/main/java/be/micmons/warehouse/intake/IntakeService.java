package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.privacy.LogSafe;
import be.micmons.warehouse.privacy.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one file end to end (DESIGN §5.1): claim by content, archive, load in one transaction,
 * then the file leaves the inbox. What happens to a file that cannot be imported, or while the
 * warehouse is away, is the intake routes' error handling (routes/inbox.camel.yaml): this bean
 * signals it with {@link FileRefusedException} (the route moves the file to {@code .failed/} with
 * {@code <name>.errors.txt}, then calls {@link #refused}) and {@link WarehouseUnavailableException}
 * (the route tries the file again with Camel redelivery; it stays in the inbox meanwhile).
 */
@Service
public class IntakeService {
    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    private static final java.util.concurrent.Executor ARCHIVER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "archive");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, SourceLoader> loaders;
    private final ImportLedger ledger;
    private final Archive archive;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final MicProperties props;
    private final ProgressPublisher progressPublisher;
    private final InboxLinks links;

    public IntakeService(List<SourceLoader> loaders, ImportLedger ledger, Archive archive, DataSource dataSource,
                         TransactionTemplate tx, MicProperties props,
                         ProgressPublisher progressPublisher, InboxLinks links) {
        this.links = links;
        this.progressPublisher = progressPublisher;
        this.loaders = loaders.stream().collect(Collectors.toMap(SourceLoader::source, Function.identity()));
        this.ledger = ledger;
        this.archive = archive;
        this.dataSource = dataSource;
        this.tx = tx;
        this.props = props;
    }

    /**
     * Called by the intake routes for a file that has been still for the intake min-age. Returns once
     * the file is imported (and gone from the inbox), is a DUPLICATE, or waits for another import of its
     * content; throws {@link FileRefusedException} for a file that cannot be imported and
     * {@link WarehouseUnavailableException} while the warehouse cannot be reached (the file stays).
     */
    public void importDroppedFile(String path, String source) throws Exception {
        Path file = Path.of(path);
        String partner = "hr".equals(source) ? null : file.getParent().getFileName().toString();
        if (links.refuses(file, source)) {
            return; // a symbolic link is never followed, moved nor read: it stays where it is (DESIGN §16)
        }
        try {
            importFile(file, source, partner, "FILE_DROP");
        } catch (java.nio.file.NoSuchFileException e) {
            log.debug("{} left the inbox before it was read (another instance took it)", path);
        } catch (Exception e) {
            if (isWarehouseDown(e)) {
                throw new WarehouseUnavailableException(e);
            }
            throw e;
        }
    }

    /**
     * Route step after a refused file was set aside in {@code .failed/} with its reasons: only now is its
     * import FAILED, so the ledger never shows a refused file that is not yet where it says.
     */
    public void refused(FileRefusedException refusal) {
        refused(refusal.importId(), LogSafe.text(refusal.file().getFileName().toString()), refusal.source(),
                refusal.partner(), refusal.reason());
    }

    /** A refused file's import FAILED with its reason, and one log line. */
    private void refused(long importId, String shownName, String source, String partner, String reason) {
        safeFail(importId, reason);
        log.warn("Import {}: {} ({}/{}) FAILED: {}", importId, shownName, source, partner == null ? "-" : partner,
                LogSafe.text(reason));
    }

    /** Outcome of one file: the import id and its final status. */
    public record Outcome(long importId, String status) {}

    public Outcome importFile(Path file, String source, String partner, String trigger) throws Exception {
        return importFile(file, source, partner, trigger, file.getParent().resolve(".failed"));
    }

    /**
     * Same, with the folder where a file that cannot be imported goes (pulled files are staged elsewhere);
     * such a file ends in {@link FileRefusedException}, for the route to set aside.
     */
    public Outcome importFile(Path file, String source, String partner, String trigger, Path failedDir) throws Exception {
        String name = file.getFileName().toString();
        String shown = LogSafe.text(name);
        loader(source);
        long t0 = System.nanoTime();
        String sha = Archive.sha256(file);
        long t1 = System.nanoTime();
        Optional<Long> claim = ledger.claim(source, partner, name, sha, trigger);
        log.debug("{}: SHA-256 in {} ms, claim in {} ms", shown, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        if (claim.isEmpty()) {
            Optional<Long> running = ledger.runningHolder(source, partner, sha);
            if (running.isPresent() && ledger.isOwnNode(running.get()) && ImportProgress.rowsSoFar(running.get()) < 0) {
                // RUNNING on this very process but running nowhere here: its warehouse connection was lost
                // mid-import (the load rolled back, the FAILED mark could not be written). Free its claim.
                safeFail(running.get(), "the warehouse connection was lost during the import; nothing of it was"
                        + " kept and the file was imported again");
                log.warn("Import {}: {} was left RUNNING by a lost warehouse connection; marked FAILED, the file"
                        + " is imported again", running.get(), shown);
                claim = ledger.claim(source, partner, name, sha, trigger);
                running = claim.isPresent() ? Optional.empty() : ledger.runningHolder(source, partner, sha);
            }
        }
        if (claim.isEmpty()) {
            Optional<Long> running = ledger.runningHolder(source, partner, sha);
            if (running.isPresent()) {
                // not a DUPLICATE yet: if that import dies, this file is the content's only copy in the inbox
                log.debug("{} ({}/{}): the same content is being imported by import {}; the file waits",
                        shown, source, partner == null ? "-" : partner, running.get());
                return new Outcome(running.get(), "RUNNING");
            }
            if (!Files.exists(file)) {
                // the instance that imported it removed it meanwhile: it was this file, not a re-delivery
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            java.time.Instant unchangedSince = Files.getLastModifiedTime(file).toInstant();
            Optional<ImportLedger.Live> same = ledger.importOfThisFile(source, partner, name, sha, unchangedSince);
            if (same.isPresent()) {
                // this very file, unchanged since import N claimed it: N's instance removes it after the commit
                // (or died just before): not a re-delivery, so no DUPLICATE row
                Files.deleteIfExists(file);
                log.debug("{} ({}/{}) was imported by import {}; removed from the inbox", name, source,
                        partner == null ? "-" : partner, same.get().id());
                return new Outcome(same.get().id(), same.get().status());
            }
            Optional<Long> duplicate = ledger.duplicate(source, partner, name, sha, trigger, unchangedSince);
            if (duplicate.isEmpty()) {
                // the import that held the content has just FAILED (refused, or cut): the next poll decides
                log.debug("{} ({}/{}): the import holding this content has just ended FAILED; the file waits",
                        name, source, partner == null ? "-" : partner);
                return new Outcome(-1, "RUNNING");
            }
            long dup = duplicate.get();
            Files.deleteIfExists(file);
            log.info("Import {}: {} ({}/{}) is DUPLICATE, same content already imported",
                    dup, shown, source, partner == null ? "-" : partner);
            return new Outcome(dup, "DUPLICATE");
        }
        return load(claim.get(), file, name, source, partner, sha, null, failedDir);
    }

    /**
     * Runs a re-import claimed with {@link ImportLedger#claimReimport}: replays the archived file
     * through the source's loader; the replayed import becomes SUPERSEDED in the same transaction
     * that commits this one, so the figures never double nor dip. The archive is never moved.
     */
    public Outcome runReimport(long importId) throws Exception {
        var row = ledger.running(importId);
        String source = (String) row.get("source");
        String partner = (String) row.get("partner");
        String name = (String) row.get("file_name");
        String sha = (String) row.get("sha256");
        Long replaced = row.get("reimport_of") == null ? null : ((Number) row.get("reimport_of")).longValue();
        Path kept = archive.pathOf(source, sha);
        String purged = ledger.purgedOn(source, sha);
        Path clear = purged == null ? archive.restore(source, sha) : null;
        if (clear == null) {
            String reason = (purged != null
                    ? "The archived copy of " + name + " was purged on " + purged + " (older than mic.archive.retention):"
                            + " it can no longer be re-imported; nothing was replayed"
                    : "The archived copy " + kept + " of " + name + " is missing or altered; nothing was replayed")
                    + (replaced == null ? "." : " and import " + replaced + " stays as it was.");
            safeFail(importId, reason);
            log.warn("Import {}: re-import of {} FAILED: {}", importId, LogSafe.text(name), LogSafe.text(reason));
            return new Outcome(importId, "FAILED");
        }
        try {
            return load(importId, clear, name, source, partner, sha, replaced, null);
        } finally {
            Files.deleteIfExists(clear);
        }
    }

    /**
     * Loads a claimed import in one transaction; failedDir null = a replay of the archive (the file stays,
     * a refusal is FAILED at once). A refused file is signalled to the route with its import still RUNNING.
     */
    private Outcome load(long importId, Path file, String name, String source, String partner, String sha,
                         Long supersedes, Path failedDir) throws Exception {
        SourceLoader loader = loader(source);
        boolean replay = failedDir == null;
        ImportProgress progress = ImportProgress.start(importId, name, progressPublisher);
        long t0 = System.nanoTime();
        String shown = LogSafe.text(name);
        // encrypted into the archive beside the load (AES-GCM costs about what the load's parsing does),
        // kept only once the file proved to hold rows
        CompletableFuture<Path> staged = replay ? null : CompletableFuture.supplyAsync(() -> {
            try {
                return archive.stage(source, sha, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ARCHIVER);
        try {
            RejectSink rejects = new RejectSink(props.intake().maxDetailedRejects());
            String[] status = new String[1];
            LoadResult result = tx.execute(s -> {
                Connection c = DataSourceUtils.getConnection(dataSource);
                try {
                    // first, so that the loader compares with the warehouse as it will be after the commit
                    if (supersedes != null && !ledger.supersede(c, supersedes, importId)) {
                        throw new FileRejectedException("Import " + supersedes + " is no longer LOADED"
                                + " (superseded or replayed meanwhile): nothing was replayed.");
                    }
                    LoadResult r = loader.load(new ImportJob(importId, source, partner, file, name, c, rejects, progress));
                    if (!replay) {
                        // archived once the file is known to hold rows: a file refused before its first row is not kept
                        archive(importId, source, sha, staged, c);
                    }
                    status[0] = ledger.finish(c, importId, r, rejects);
                    return r;
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new LoadFailure(e);
                }
            });
            if (!replay) {
                Files.deleteIfExists(file);
            }
            log.info("Import {}: {} ({}/{}) {}{} in {} ms: {} rows read, {} loaded, {} rejected, {} duplicate",
                    importId, shown, source, partner == null ? "-" : partner, status[0],
                    supersedes == null ? "" : " replacing import " + supersedes,
                    (System.nanoTime() - t0) / 1_000_000, result.rowsRead(), result.rowsLoaded(),
                    rejects.rejectedRows(), result.rowsDuplicate());
            return new Outcome(importId, status[0]);
        } catch (Exception e) {
            if (e instanceof ImportLedger.ClaimLostException || e.getCause() instanceof ImportLedger.ClaimLostException) {
                // another instance declared this import dead (its node lock was lost with the connection):
                // nothing was committed, the file stays in the inbox and is taken again by whoever claims it
                log.warn("Import {}: {} was marked FAILED by another instance while it ran; nothing of it was kept,"
                        + " the file stays in the inbox", importId, shown);
                discard(staged);
                return new Outcome(importId, "FAILED");
            }
            if (isWarehouseDown(e)) {
                // the warehouse is away: keep the file in the inbox, the next poll tries again
                safeFail(importId, "warehouse unavailable, the file stays in the inbox and is retried: " + e.getMessage());
                discard(staged);
                throw e;
            }
            Throwable cause = e instanceof LoadFailure ? e.getCause() : e;
            String reason = cause instanceof FileRejectedException ? cause.getMessage()
                    : "The file could not be imported because of an unexpected error: " + cause;
            reason = Redaction.scrub(reason);
            if (!(cause instanceof FileRejectedException)) {
                log.error("Import {}: {} failed unexpectedly", importId, shown, cause);
            }
            if (replay) {
                refused(importId, shown, source, partner, reason);
                return new Outcome(importId, "FAILED");
            }
            try {
                boolean configuration = cause instanceof FileRejectedException r && r.aboutConfiguration();
                if ((progress.rows() > 0 || configuration) && Files.exists(file)) {
                    // kept so that it can be replayed once the cause is fixed; a file refused for its content
                    // before its first row (binary, charset, no header, NUL bytes) is not (DESIGN §16)
                    archive(importId, source, sha, staged, null);
                } else {
                    discard(staged);
                }
            } catch (RuntimeException archiveFailed) {
                safeFail(importId, reason);
                throw archiveFailed;
            }
            // FAILED by the route once the file and its reasons are in .failed/ (routes/inbox.camel.yaml)
            throw new FileRefusedException(importId, source, partner, file, failedDir, reason);
        } finally {
            progress.finish();
        }
    }

    /** Puts the staged file in its place in the archive and records where (on the import's transaction when given). */
    private void archive(long importId, String source, String sha, CompletableFuture<Path> staged, Connection tx) {
        long t0 = System.nanoTime();
        try {
            Path kept = archive.commit(staged.join(), source, sha);
            if (tx == null) {
                ledger.archived(importId, kept.toString());
            } else {
                ledger.archived(tx, importId, kept.toString());
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("the file could not be archived: " + e.getMessage(), e);
        }
        log.debug("Import {}: archive waited for {} ms after the load", importId, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A staged archive copy of a file that is not kept. */
    private void discard(CompletableFuture<Path> staged) {
        if (staged == null) {
            return;
        }
        try {
            archive.discard(staged.join());
        } catch (IOException | RuntimeException e) {
            log.debug("a staged archive copy could not be removed: {}", e.toString());
        }
    }

    private SourceLoader loader(String source) {
        SourceLoader loader = loaders.get(source);
        if (loader == null) {
            throw new IllegalStateException("no loader for source " + source);
        }
        return loader;
    }

    /** A lost or refused warehouse connection, as opposed to a problem with the file. */
    static boolean isWarehouseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private void safeFail(long importId, String message) {
        try {
            ledger.failed(importId, message);
        } catch (RuntimeException e) {
            log.warn("Import {} could not be marked FAILED: {}", importId, e.getMessage());
        }
    }

    /** Carries a checked loader exception out of the transaction callback (and rolls it back). */
    private static final class LoadFailure extends RuntimeException {
        LoadFailure(Exception cause) {
            super(cause);
        }
    }
}
