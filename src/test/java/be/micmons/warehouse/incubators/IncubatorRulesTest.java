package be.micmons.warehouse.incubators;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deduplication, re-deliveries and refused files, with partner layouts added as operators do. */
class IncubatorRulesTest extends TwoSitesTestBase {
    private long startups() {
        return jdbc.queryForObject("select count(*) from core.startup", Long.class);
    }

    @Test
    void startupsJoinByNumberOrByNameAndPostalCode() throws IOException {
        var files = intakeOf(2);
        drop("incubators/alpha-site/a.csv", HEADER
                + "Alpha SPRL;0403.019.261;01/02/2010;7000\n"
                + "Beta Consulting;;03/03/2011;7000\n"
                + "Gamma;;01/01/2011;7000\n"
                + "Delta;0455471022;01/06/2011;5000\n"
                + "Epsilon;0403.019.262;01/09/2011;7000\n", UTF_8);
        drop("incubators/beta-site/b.csv", HEADER
                + "ALPHA s.p.r.l.;BE 0403019261;15/01/2010;7000\n"     // same number, other spelling, earlier date
                + "Alpha Labs;403019261;;7000\n"                       // same number, other name
                + "beta consulting SA;;;B-7000\n"                       // same name key and postal code
                + "Gamma;;01/01/2011;1348\n"                             // same name, other postal code
                + "Delta;0417595490;01/06/2011;5000\n"                   // same name, other valid number
                + "Delta S.A.;;01/06/2011;5000\n"                         // would join two numbers: stays apart
                + "Epsilon;;;7000\n", UTF_8);
        List<Map<String, Object>> imports = awaitIntake(files);
        assertThat(imports).hasSize(2);
        assertThat(imports).extracting(m -> m.get("status")).containsOnly("LOADED");

        // Alpha, Beta, Gamma x2, Delta x2 + the ambiguous one, Epsilon
        assertThat(startups()).isEqualTo(8);
        assertThat(jdbc.queryForObject("select creation_date::text from core.startup where enterprise_number = '0403019261'",
                String.class)).isEqualTo("2010-01-15");
        assertThat(jdbc.queryForObject("select records from core.startup where enterprise_number = '0403019261'",
                Long.class)).isEqualTo(3);
        assertThat(kpi("startups_created", 2010)).isEqualTo(1);
        assertThat(kpi("startups_created", 2011)).isEqualTo(7);

        // the invalid number is a warning: the row is kept without it
        assertThat(jdbc.queryForList("select reason_code || '@' || line_no || ':' || severity from ops.rejected_row",
                String.class)).containsExactly("INVALID_ENTERPRISE_NUMBER@6:WARNING");
        // the record that would join two numbers waits for an admin, paired with both
        assertThat(jdbc.queryForList("select reason from core.review_pair where status = 'PENDING' order by id",
                String.class)).containsExactly("AMBIGUOUS_ENTERPRISE_NUMBER", "AMBIGUOUS_ENTERPRISE_NUMBER");
    }

    @Test
    void loadOrderDoesNotChangeTheFigures() throws IOException {
        drop("incubators/beta-site/b.csv", HEADER + "Delta S.A.;;01/06/2011;5000\nDelta;0417595490;01/06/2011;5000\n", UTF_8);
        awaitImports(1);
        assertThat(startups()).isEqualTo(1); // alone, the record joins the only number it meets
        drop("incubators/alpha-site/a.csv", HEADER + "Delta;0455471022;01/06/2011;5000\n", UTF_8);
        awaitImports(2);
        assertThat(startups()).isEqualTo(3);
        assertThat(kpi("startups_created", 2011)).isEqualTo(3);
    }

    @Test
    void redeliveriesChangeNothing() throws IOException {
        String content = HEADER + "Alpha SPRL;0403.019.261;01/02/2010;7000\nBeta;;03/03/2011;7000\n";
        drop("incubators/alpha-site/a.csv", content, UTF_8);
        awaitImports(1);
        drop("incubators/alpha-site/a-again.csv", content, UTF_8);                     // same bytes
        awaitImports(2);
        drop("incubators/alpha-site/a-crlf.csv", content.replace("\n", "\r\n"), UTF_8); // same rows
        List<Map<String, Object>> imports = awaitImports(3);

        assertThat(imports).extracting(m -> m.get("status")).containsExactly("LOADED", "DUPLICATE", "LOADED");
        assertThat(imports.get(1).get("duplicate_of")).isEqualTo(imports.get(0).get("id"));
        assertThat(imports.get(2).get("rows_duplicate")).isEqualTo(2L);
        assertThat(imports.get(2).get("rows_loaded")).isEqualTo(0L);
        assertThat(startups()).isEqualTo(2);
        assertThat(kpi("startups_created", 2010) + kpi("startups_created", 2011)).isEqualTo(2);
        awaitGone(INBOX.resolve("incubators/alpha-site/a-again.csv"));

        // a row repeated within one file counts once, also when its number and date are empty
        drop("incubators/alpha-site/b.csv", HEADER + "Gamma;;;7000\nGamma;;;7000\nDelta;0455471022;01/06/2011;5000\n"
                + "Beta;;03/03/2011;7000\n", UTF_8);
        Map<String, Object> b = awaitImports(4).get(3);
        assertThat(b.get("rows_read")).isEqualTo(4L);
        assertThat(b.get("rows_duplicate")).isEqualTo(2L); // the second Gamma, and Beta from a.csv
        assertThat(b.get("rows_loaded")).isEqualTo(2L);
    }

    @Test
    void filesThatCannotBeImportedGoToFailedWithTheirReason() throws IOException {
        var files = intakeOf(6);
        drop("incubators/unknown-site/x.csv", HEADER + "Alpha;;;7000\n", UTF_8);
        drop("incubators/alpha-site/no-name.csv", "Société;BCE\nAlpha;0403.019.261\n", UTF_8);
        drop("incubators/alpha-site/latin1.csv", HEADER + "Société Générale Wallonne;;01/01/2011;7000\n", Charset.forName("windows-1252"));
        drop("incubators/alpha-site/empty.csv", new byte[0]);
        drop("incubators/alpha-site/header-only.csv", HEADER, UTF_8);
        drop("incubators/alpha-site/utf16.csv", HEADER + "Alpha;;;7000\n", java.nio.charset.StandardCharsets.UTF_16);
        List<Map<String, Object>> imports = awaitIntake(files);
        assertThat(imports).hasSize(6);

        assertThat(imports).extracting(m -> m.get("status")).containsOnly("FAILED");
        assertThat(errors("unknown-site", "x.csv")).contains("No layout is configured for partner 'unknown-site'");
        assertThat(errors("alpha-site", "no-name.csv")).contains("company name", "\"Nom\"", "\"Société\"", "line 1");
        assertThat(errors("alpha-site", "latin1.csv")).contains("character set");
        assertThat(errors("alpha-site", "empty.csv")).contains("empty");
        assertThat(errors("alpha-site", "header-only.csv")).contains("no data rows");
        assertThat(errors("alpha-site", "utf16.csv")).contains("UTF-16");
        assertThat(startups()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ops.import where message is null", Long.class)).isZero();
    }

    @Test
    void aFileWrittenSlowlyIsReadWhole() throws Exception {
        Path target = INBOX.resolve("incubators/alpha-site/slow.csv");
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(HEADER.getBytes(UTF_8));
            for (int chunk = 0; chunk < 4; chunk++) {
                StringBuilder rows = new StringBuilder();
                for (int i = 0; i < 50; i++) {
                    rows.append("Company ").append(chunk).append('-').append(i).append(";;01/01/2011;7000\n");
                }
                out.write(rows.toString().getBytes(UTF_8));
                out.flush();
                // the writer is slow; the intake must wait for min-age of stillness: nothing taken meanwhile
                await().during(Duration.ofMillis(250)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> jdbc.queryForObject("select count(*) from ops.import", Long.class) == 0);
            }
        }
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0).get("rows_read")).isEqualTo(200L);
        assertThat(kpi("startups_created", 2011)).isEqualTo(200);
    }

    private static String errors(String partner, String file) throws IOException {
        Path failed = INBOX.resolve("incubators").resolve(partner).resolve(".failed");
        await().atMost(WAIT).until(() -> Files.exists(failed.resolve(file)));
        assertThat(failed.resolve(file)).exists();
        assertThat(INBOX.resolve("incubators").resolve(partner).resolve(file)).doesNotExist();
        return Files.readString(failed.resolve(file + ".errors.txt"));
    }
}
