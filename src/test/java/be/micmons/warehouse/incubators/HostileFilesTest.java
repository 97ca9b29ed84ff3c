package be.micmons.warehouse.incubators;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/** Files no partner should send: each ends refused with its reason or loaded with row problems. */
class HostileFilesTest extends WarehouseTest {
    private static final String HEADER = "Nom;BCE;Création;CP\n";

    @Autowired
    HealthEndpoint health;

    @BeforeAll
    static void layout() throws IOException {
        partnerLayout("hostile-site", """
                id: hostile-site
                csv: {charset: UTF-8, delimiter: ";", date-formats: ["dd/MM/yyyy"]}
                columns: {name: ["Nom"], enterprise_number: ["BCE"], creation_date: ["Création"], postal_code: ["CP"]}
                """);
    }

    @Test
    void hostileFilesAreAnsweredAndNothingIsHalfLoaded() throws IOException {
        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        binary[0] = 'N';
        binary[1] = 'o';
        drop("incubators/hostile-site/binary.csv", binary);
        drop("incubators/hostile-site/long-line.csv", HEADER + "Alpha;;01/01/2011;7000\n" + "B".repeat(5_000_000) + ";;;7000\n", UTF_8);
        drop("incubators/hostile-site/nul.csv", HEADER + "Al\0pha;;01/01/2011;7000\n", UTF_8);
        drop("incubators/hostile-site/quotes.csv", HEADER + "\"Alpha;;01/01/2011;7000\nBeta;;01/01/2011;7000\n", UTF_8);
        drop("incubators/hostile-site/commas.csv", HEADER.replace(';', ',') + "Alpha,,01/01/2011,7000\n", UTF_8);
        String wide = IntStream.range(0, 5000).mapToObj(i -> "c" + i).collect(Collectors.joining(";"));
        drop("incubators/hostile-site/wide.csv", "Nom;" + wide + "\nAlpha;" + ";".repeat(4999) + "\n", UTF_8);
        drop("incubators/hostile-site/cr-only.csv", (HEADER + "Gamma;;01/01/2011;7000\nDelta;;02/02/2011;7000\n").replace('\n', '\r'), UTF_8);
        drop("incubators/hostile-site/formula.csv", HEADER + "=HYPERLINK(\"http://x\");;01/01/2011;7000\n+cmd|' /C calc'!A0;;;7000\n", UTF_8);
        drop("incubators/hostile-site/-odd name é (1).csv", HEADER + "Epsilon;;01/01/2011;7000\n", UTF_8);
        List<Map<String, Object>> imports = awaitImports(9);

        Map<Object, Object> status = imports.stream().collect(Collectors.toMap(m -> m.get("file_name"), m -> m.get("status")));
        assertThat(status).containsEntry("binary.csv", "FAILED")
                .containsEntry("long-line.csv", "FAILED")
                .containsEntry("nul.csv", "FAILED")
                .containsEntry("quotes.csv", "FAILED")
                .containsEntry("commas.csv", "FAILED")
                .containsEntry("wide.csv", "LOADED")
                .containsEntry("cr-only.csv", "LOADED")
                .containsEntry("formula.csv", "LOADED")
                .containsEntry("-odd name é (1).csv", "LOADED");
        assertThat(errors("long-line.csv")).contains("line 3 is longer than 100000 characters");
        assertThat(errors("nul.csv")).contains("NUL");
        assertThat(errors("commas.csv")).contains("\"Nom,BCE,Création,CP\"");
        // nothing of a refused file is visible; the loaded ones are whole
        assertThat(jdbc.queryForList("select name from core.startup_record order by name", String.class))
                .containsExactly("+cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "Alpha", "Delta", "Epsilon", "Gamma");
        assertThat(jdbc.queryForObject("select line_no from core.startup_record where name = 'Delta'", Long.class)).isEqualTo(3);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private static String errors(String file) throws IOException {
        Path failed = INBOX.resolve("incubators/hostile-site/.failed");
        assertThat(failed.resolve(file)).exists();
        return Files.readString(failed.resolve(file + ".errors.txt"));
    }
}
