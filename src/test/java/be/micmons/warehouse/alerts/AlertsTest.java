package be.micmons.warehouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.TestMail;
import be.micmons.warehouse.support.WarehouseTest;
import be.micmons.warehouse.deliveries.Deliveries;
import be.micmons.warehouse.nightly.NightlyProperties;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Alerts (DESIGN §15) mailed for real to an in-process SMTP server (GreenMail): once per cause,
 * in French, naming the file, the partner, the reason and the console page; an SMTP server that is
 * down delays the mail and never the import.
 */
class AlertsTest extends WarehouseTest {
    private static final Duration MAIL_WAIT = Duration.ofSeconds(60);

    @BeforeEach
    void emptyMailbox() throws Exception {
        TestMail.server().purgeEmailFromAllMailboxes();
    }

    @Test
    void aRefusedFileIsMailedOnceToEveryAddressEvenWhenTheSameCauseRepeats() throws Exception {
        String refused = "Nom;Courriel\nSociété Refusée;jean.dupont@example.org\n"; // no 'Company' column
        drop("incubators/mons-mic/export-casse.csv", refused, StandardCharsets.UTF_8);
        long first = ((Number) awaitImports(1).get(0).get("id")).longValue();
        assertThat(jdbc.queryForObject("select status from ops.import where id = ?", String.class, first)).isEqualTo("FAILED");

        List<MimeMessage> mails = awaitMails("Fichier refusé : export-casse.csv", 2);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("[Entrepôt MIC] Fichier refusé : export-casse.csv — MIC Boostcamp (mons-mic)");
        assertThat(mails).extracting(m -> recipients(m)).allSatisfy(r ->
                assertThat(r).containsExactlyInAnyOrder("suivi@mic-mons.test", "direction@mic-mons.test"));
        assertThat(Arrays.stream(mail.getFrom()).map(Address::toString).toList()).containsExactly(TestMail.FROM);
        String body = body(mail);
        assertThat(body).contains("« export-casse.csv »", "MIC Boostcamp (mons-mic)", "import n° " + first, "Raison : ",
                "Company", ".failed/", "http://mic.test:8080/console/imports/" + first);
        assertThat(body).doesNotContain("jean.dupont", "Société Refusée");
        Map<String, Object> alert = jdbc.queryForMap("select * from ops.alert where kind = 'IMPORT_FAILED'");
        assertThat(alert.get("status")).isEqualTo("SENT");
        assertThat(alert.get("sent_at")).isNotNull();
        assertThat(alert.get("subject")).isEqualTo(mail.getSubject());

        // the same file refused again is the same cause: no second mail. Another refused file is mailed;
        // once its mail is in, the repeated one has been looked at too.
        drop("incubators/mons-mic/export-casse.csv", refused, StandardCharsets.UTF_8);
        awaitImports(2);
        drop("incubators/mons-mic/autre-export.csv", "Nom\nAutre\n", StandardCharsets.UTF_8);
        awaitImports(3);
        awaitMails("Fichier refusé : autre-export.csv", 2);
        assertThat(mails("Fichier refusé : export-casse.csv")).hasSize(2); // still one mail, to the two addresses
        assertThat(jdbc.queryForObject("select count(*) from ops.alert where kind = 'IMPORT_FAILED'", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'FAILED'", Long.class)).isEqualTo(3);
    }

    @Test
    void anSmtpServerThatIsDownDelaysTheMailNeverTheImport() throws Exception {
        TestMail.stop();
        Map<String, Object> imp;
        try {
            drop("incubators/mons-mic/boostcamp-lignes.csv", """
                    Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status
                    Bonne Ligne;SRL;;05/05/2013;7000;Mons;cloud;Boostcamp;created
                    ;SRL;;06/05/2013;7000;Mons;cloud;Boostcamp;created
                    """, StandardCharsets.UTF_8);
            imp = awaitImports(1).get(0);
            assertThat(imp.get("status")).isEqualTo("LOADED_WITH_REJECTS");
            assertThat(kpi("startups_created", 2013)).isEqualTo(1);
            await().atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject("""
                    select count(*) from ops.alert
                    where kind = 'IMPORT_ERRORS' and status <> 'SENT' and attempts >= 1 and last_error is not null""",
                    Long.class) == 1);
        } finally {
            TestMail.start();
        }
        List<MimeMessage> mails = awaitMails("Lignes refusées : boostcamp-lignes.csv", 2);
        String body = body(mails.get(0));
        assertThat(mails.get(0).getSubject()).endsWith(" — MIC Boostcamp (mons-mic), 1 ligne(s)");
        assertThat(body).contains("1 ligne(s) sur 2", "Premières lignes concernées : 3", "/console/imports/" + imp.get("id"));
        assertThat(jdbc.queryForObject("select status from ops.alert where kind = 'IMPORT_ERRORS'", String.class)).isEqualTo("SENT");
    }

    @Test
    void aFailedAndALateNightlyRunAndAMissingDeliveryAreMailed() throws Exception {
        jdbc.update("""
                insert into ops.nightly_run (scheduled_for, started_at, finished_at, status, node, trigger, message)
                values (now() - interval '1 hour', now() - interval '1 hour', now(), 'FAILED', 'test', 'NIGHTLY',
                        'hr: FAILED, see pull run 4')""");
        jdbc.update("""
                insert into ops.nightly_run (scheduled_for, started_at, status, node, trigger)
                values (now() - interval '7 hours', now() - interval '7 hours', 'RUNNING', 'test-node', 'NIGHTLY')""");
        // a monthly partner whose last month was due yesterday, and who sent nothing
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
        partnerLayout("silent-partner", """
                id: silent-partner
                name: Partenaire Silencieux
                city: Mons
                deliveries: {every: month, due-days: %d}
                columns:
                  name: ["Company"]
                """.formatted(today.getDayOfMonth() - 1));

        String failed = body(awaitMails("Traitement de nuit en échec", 2).get(0));
        assertThat(failed).contains("s'est terminé en échec", "hr: FAILED, see pull run 4", "http://mic.test:8080/console/imports");
        String late = body(awaitMails("Traitement de nuit non terminé 6 h après son heure", 2).get(0));
        assertThat(late).contains("n'est toujours pas terminé", "test-node");
        String previous = today.minusMonths(1).toString().substring(0, 7);
        MimeMessage missing = awaitMails("Livraison manquante : Partenaire Silencieux (silent-partner), période " + previous, 2).get(0);
        assertThat(body(missing)).contains("attendu au plus tard le", "http://mic.test:8080/console/deliveries");
        assertThat(jdbc.queryForList("select kind from ops.alert where status = 'SENT'", String.class))
                .contains("NIGHTLY_FAILED", "NIGHTLY_LATE", "DELIVERY_MISSING");
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    AlertTexts texts;
    @Autowired
    Deliveries deliveries;
    @Autowired
    NightlyProperties nightly;

    /** The warehouse as this watch sees it: reachable, or refusing every connection. */
    static final class Switchable extends DelegatingDataSource {
        volatile boolean down;

        Switchable(DataSource real) {
            super(real);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection to 127.0.0.1 refused", "08001");
            }
            return super.getConnection();
        }
    }

    @Test
    void aLongOutageIsMailedOnceTheWarehouseIsBackAndAlertsRaisedMeanwhileWaitInMemory() throws Exception {
        Switchable db = new Switchable(dataSource);
        AlertProperties props = new AlertProperties(new AlertProperties.Smtp("127.0.0.1", 25, null, null), TestMail.FROM,
                TestMail.TO, "http://mic.test:8080", Duration.ofHours(6), Duration.ZERO, Duration.ofMinutes(1),
                Duration.ZERO, Duration.ofDays(7), Duration.ofSeconds(1));
        AlertService service = new AlertService(new JdbcTemplate(db), props);
        AlertWatch watch = new AlertWatch(service, props, new NamedParameterJdbcTemplate(db), deliveries, nightly, texts);

        db.down = true;
        watch.scan();
        assertThat(service.raise("IMPORT_HELD", "IMPORT_HELD:test", "[Entrepôt MIC] Import en attente de décision : test",
                "retenu")).isFalse(); // kept in memory, not lost
        assertThat(jdbc.queryForObject("select count(*) from ops.alert", Long.class)).isZero();
        db.down = false;
        watch.scan();
        assertThat(jdbc.queryForList("select kind from ops.alert order by id", String.class))
                .containsExactly("IMPORT_HELD", "WAREHOUSE_OUTAGE");
        String body = body(awaitMails("Entrepôt injoignable pendant", 2).get(0));
        assertThat(body).contains("n'a pas répondu du", "http://mic.test:8080/console/imports");
        awaitMails("Import en attente de décision : test", 2);

        // shorter than mic.alerts.outage-after: nothing to say
        AlertProperties patient = new AlertProperties(props.smtp(), props.mailFrom(), props.mailTo(), props.consoleUrl(),
                props.nightlyLateAfter(), Duration.ofHours(1), props.checkInterval(), props.settle(), props.lookback(),
                props.retryDelay());
        AlertWatch calm = new AlertWatch(service, patient, new NamedParameterJdbcTemplate(db), deliveries, nightly, texts);
        db.down = true;
        calm.scan();
        db.down = false;
        calm.scan();
        assertThat(jdbc.queryForObject("select count(*) from ops.alert where kind = 'WAREHOUSE_OUTAGE'", Long.class)).isEqualTo(1);
    }

    private static List<MimeMessage> awaitMails(String subjectPart, int n) {
        await().atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> mails(subjectPart).size() >= n);
        return mails(subjectPart);
    }

    private static List<MimeMessage> mails(String subjectPart) {
        return Arrays.stream(TestMail.server().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectPart);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }
}
