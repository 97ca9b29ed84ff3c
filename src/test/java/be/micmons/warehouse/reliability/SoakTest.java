package be.micmons.warehouse.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thousand small files dropped at once: every one accounted for, none lost, the figures exact. */
class SoakTest extends WarehouseTest {
    static final int FILES = 1000;

    @BeforeAll
    static void layout() throws IOException {
        partnerLayout("soak-site", """
                id: soak-site
                csv: {charset: UTF-8, delimiter: ";", date-formats: ["dd/MM/yyyy"]}
                columns: {name: ["Nom"], enterprise_number: ["BCE"], creation_date: ["Création"], postal_code: ["CP"]}
                """);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aThousandFilesDroppedAtOnceAreAllImportedOnce() throws IOException {
        for (int i = 0; i < FILES; i++) {
            int body = 5_100_000 + i;
            String bce = String.format("%08d%02d", body, 97 - body % 97);
            drop("incubators/soak-site/soak-" + i + ".csv",
                    "Nom;BCE;Création;CP\nSoak Company " + i + ";" + bce + ";10/0" + (1 + i % 9) + "/2010;7000\n", UTF_8);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                jdbc.queryForObject("select count(*) from ops.import where status <> 'RUNNING'", Integer.class) >= FILES
                        && inboxFiles() == 0);

        assertThat(jdbc.queryForObject("select count(*) from ops.import", Integer.class)).isEqualTo(FILES);
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'LOADED'", Integer.class))
                .isEqualTo(FILES);
        assertThat(jdbc.queryForObject("select count(distinct file_name) from ops.import", Integer.class)).isEqualTo(FILES);
        assertThat(jdbc.queryForObject("select coalesce(sum(rows_loaded), 0) from ops.import", Long.class)).isEqualTo(FILES);
        assertThat(kpi("startups_created", 2010)).isEqualTo(FILES);
        try (Stream<Path> archived = Files.walk(ARCHIVE)) {
            assertThat(archived.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(FILES);
        }
    }

    private static long inboxFiles() throws IOException {
        try (Stream<Path> s = Files.walk(INBOX.resolve("incubators/soak-site"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
