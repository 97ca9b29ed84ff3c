package be.micmons.warehouse.incubators.sftp;

import be.micmons.warehouse.intake.Archive;
import be.micmons.warehouse.intake.FileRefusedException;
import be.micmons.warehouse.intake.IntakeService;
import be.micmons.warehouse.intake.Pull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pull "partners": one poll of each {@code partner-sftp-<id>} route, after its server's host key was
 * checked ({@link HostKeys}). Each fetched file is imported through the normal intake (same ledger,
 * archive and dedup by content) by {@link #fetched}; camel-ftp deletes or moves the remote file when
 * that exchange completes, i.e. once the import is recorded, and leaves it when it fails.
 */
@Component("partnerSftpPull")
public class PartnerSftpPull implements Pull, ExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(PartnerSftpPull.class);

    private final PartnerSftpRoutes routes;
    private final CamelContext camel;
    private final IntakeService intake;
    private final JdbcTemplate jdbc;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    /** The poll running on this thread: a route's consumer polls on the caller's thread. */
    private final ThreadLocal<Poll> current = new ThreadLocal<>();

    public PartnerSftpPull(PartnerSftpRoutes routes, CamelContext camel, IntakeService intake, JdbcTemplate jdbc) {
        this.routes = routes;
        this.camel = camel;
        this.intake = intake;
        this.jdbc = jdbc;
    }

    private static final class Poll {
        final String partner;
        final String trigger;
        final List<Long> ids = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        Poll(String partner, String trigger) {
            this.partner = partner;
            this.trigger = trigger;
        }
    }

    /** The same content is being imported by another import: the remote file stays for a later pull. */
    static final class ImportedElsewhere extends Exception {
        ImportedElsewhere(String message) {
            super(message);
        }
    }

    @Override
    public String name() {
        return "partners";
    }

    @Override
    public boolean enabled() {
        try {
            return !routes.sync().isEmpty();
        } catch (Exception e) {
            log.warn("Partner SFTP sites cannot be read: {}", e.toString());
            return false;
        }
    }

    @Override
    public List<Long> pull(String trigger) throws Exception {
        if (!oneAtATime.tryLock()) {
            throw new IllegalStateException("a partners pull is already running in this instance");
        }
        try {
            List<Long> ids = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (PartnerSftpRoutes.Site site : routes.sync()) {
                String partner = site.partner();
                if (!site.problems().isEmpty()) {
                    failures.add(partner + ": " + String.join("; ", site.problems()));
                    continue;
                }
                Poll poll = pollOnce(site, trigger);
                ids.addAll(poll.ids);
                failures.addAll(poll.failures.stream().map(f -> partner + ": " + f).toList());
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("SFTP pull failed for " + String.join(" | ", failures)
                        + (ids.isEmpty() ? "" : " (imports done meanwhile: " + ids + ")"));
            }
            return ids;
        } finally {
            oneAtATime.unlock();
        }
    }

    private Poll pollOnce(PartnerSftpRoutes.Site site, String trigger) {
        Poll poll = new Poll(site.partner(), trigger);
        String routeId = PartnerSftpRoutes.routeId(site.partner());
        Route route = camel.getRoute(routeId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (route == null || status != ServiceStatus.Started) {
            log.info("SFTP {}: route {} is {}, partner left out of this pull", site.partner(), routeId,
                    status == null ? "missing" : status.name().toLowerCase());
            return poll;
        }
        try {
            HostKeys.verify(site.partner(), site.settings(), routes.knownHostsFile(site.partner(), site.settings()));
        } catch (Exception e) {
            log.warn("SFTP {}: {}", site.partner(), e.getMessage());
            poll.failures.add(e.getMessage());
            return poll;
        }
        current.set(poll);
        try {
            // one poll now, on this thread: every file of the outbox as its own exchange
            ((ScheduledPollConsumer) route.getConsumer()).run();
        } finally {
            current.remove();
        }
        log.info("SFTP {}: imports {}", site.partner(), poll.ids);
        return poll;
    }

    /** Route step of {@code partner-sftp}: imports one downloaded file; the remote file follows the outcome. */
    public void fetched(String localPath, String partner) throws Exception {
        Poll poll = current.get();
        if (poll == null || !poll.partner.equals(partner)) {
            throw new IllegalStateException("partner-sftp routes poll within a partners pull only");
        }
        Path local = Path.of(localPath);
        Path folder = local.getParent().getParent();
        String sha = Archive.sha256(local);
        if (alreadyLoaded(partner, sha)) {
            Files.deleteIfExists(local);
            log.debug("SFTP {}: {} already loaded (same content), not imported again", partner, local.getFileName());
            return;
        }
        IntakeService.Outcome outcome;
        try {
            outcome = intake.importFile(local, "incubators", partner, poll.trigger, folder.resolve(".failed"));
        } catch (FileRefusedException refused) {
            // an import of this pull all the same; the route's refused-files handling sets the file aside
            poll.ids.add(refused.importId());
            throw refused;
        }
        if ("RUNNING".equals(outcome.status())) {
            Files.deleteIfExists(local);
            throw new ImportedElsewhere(local.getFileName() + " is being imported by import " + outcome.importId());
        }
        poll.ids.add(outcome.importId());
    }

    private boolean alreadyLoaded(String partner, String sha) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from ops.import where source = 'incubators' and partner = ? and sha256 = ?
                               and status in ('LOADED', 'LOADED_WITH_REJECTS', 'HELD'))""",
                Boolean.class, partner, sha));
    }

    /** The routes' consumer errors (login, listing, download, a failed file): said in the pull run. */
    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        Throwable cause = exception;
        if (cause instanceof ImportedElsewhere || cause != null && cause.getCause() instanceof ImportedElsewhere) {
            log.info("SFTP: {}; the remote file stays for a later pull", cause.getMessage());
            return;
        }
        StringBuilder why = new StringBuilder();
        if (exchange != null && exchange.getIn().getHeader(Exchange.FILE_NAME) != null) {
            why.append(exchange.getIn().getHeader(Exchange.FILE_NAME)).append(": ");
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && why.indexOf(t.getMessage()) < 0) {
                why.append(why.isEmpty() || why.toString().endsWith(": ") ? "" : ": ").append(t.getMessage());
            }
        }
        Poll poll = current.get();
        log.warn("SFTP {}: {}", poll == null ? "?" : poll.partner, why);
        if (poll != null) {
            poll.failures.add(why.toString());
        }
    }
}
