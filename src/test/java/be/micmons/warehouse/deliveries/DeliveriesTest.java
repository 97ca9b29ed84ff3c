package be.micmons.warehouse.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Expected deliveries (DESIGN §14) on real drops: RECEIVED, DUE, MISSING and LATE periods. */
class DeliveriesTest extends WarehouseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));

    @Autowired
    TestRestTemplate rest;

    private static String layout(String id, String deliveries) {
        return companyFoundedZipLayout(id, "Partenaire " + id, "deliveries: " + deliveries + "\n");
    }

    @Test
    void aYearlyPartnerThatSentNothingLastYearIsMissingAndThisYearsFileReceived() throws Exception {
        partnerLayout("yearly-partner", layout("yearly-partner", "{every: year, due-days: 15}"));
        drop("incubators/yearly-partner/portefeuille.csv", "Company;Founded;Zip\nAnnuelle SRL;01/02/2013;7000\n",
                StandardCharsets.UTF_8);
        long id = ((Number) awaitImports(1).get(0).get("id")).longValue();

        JsonNode all = deliveries("from=" + (TODAY.getYear() - 1) + "-01-01&to=" + TODAY);
        List<JsonNode> mine = of(all, "incubators", "yearly-partner");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("period").asText()).isEqualTo(Integer.toString(TODAY.getYear() - 1));
        assertThat(mine.get(0).get("due_on").asText()).isEqualTo(TODAY.getYear() + "-01-15");
        assertThat(mine.get(0).get("status").asText()).isEqualTo("MISSING");
        assertThat(mine.get(0).get("imports")).isEmpty();
        assertThat(mine.get(1).get("period").asText()).isEqualTo(Integer.toString(TODAY.getYear()));
        assertThat(mine.get(1).get("status").asText()).isEqualTo("RECEIVED");
        assertThat(mine.get(1).get("imports").get(0).asLong()).isEqualTo(id);

        // only live imports count: withdrawn from the figures, the file no longer counts as delivered
        jdbc.update("update ops.import set status = 'SUPERSEDED' where id = ?", id);
        assertThat(of(deliveries("from=" + TODAY.getYear() + "-01-01"), "incubators", "yearly-partner").get(0)
                .get("status").asText()).isEqualTo("DUE");

        // the console grid names the partner, the periods and links to the import
        jdbc.update("update ops.import set status = 'LOADED' where id = ?", id);
        String page = rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForObject("/console/deliveries", String.class);
        assertThat(page).contains("Partenaire yearly-partner", "manquante", "reçue", "/console/imports/" + id);
    }

    @Test
    void aMonthlyPartnerLateOnceThenOnTimeAndADuePeriod() throws Exception {
        partnerLayout("monthly-partner", layout("monthly-partner", "{every: month, due-days: 15}"));
        for (int i = 1; i <= 3; i++) {
            drop("incubators/monthly-partner/mois-" + i + ".csv",
                    "Company;Founded;Zip\nMensuelle " + i + ";01/02/2013;7000\n", StandardCharsets.UTF_8);
        }
        List<Long> ids = awaitImports(3).stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        // as if received on 10 January (December's), 20 February (January's, late) and 1 March 2025 (February's)
        jdbc.update("update ops.import set received_at = '2025-01-10 10:00+01' where id = ?", ids.get(0));
        jdbc.update("update ops.import set received_at = '2025-02-20 10:00+01' where id = ?", ids.get(1));
        jdbc.update("update ops.import set received_at = '2025-03-01 10:00+01' where id = ?", ids.get(2));

        List<JsonNode> mine = of(deliveries("from=2024-12-01&to=2025-04-30"), "incubators", "monthly-partner");
        assertThat(mine).extracting(d -> d.get("period").asText())
                .containsExactly("2024-12", "2025-01", "2025-02", "2025-03", "2025-04");
        assertThat(mine).extracting(d -> d.get("status").asText())
                .containsExactly("RECEIVED", "LATE", "RECEIVED", "MISSING", "MISSING");
        assertThat(mine.get(0).get("imports").get(0).asLong()).isEqualTo(ids.get(0));
        assertThat(mine.get(1).get("imports").get(0).asLong()).isEqualTo(ids.get(1));
        assertThat(mine.get(1).get("due_on").asText()).isEqualTo("2025-02-15");
        assertThat(mine.get(2).get("imports").get(0).asLong()).isEqualTo(ids.get(2));

        // a period whose due date has not come yet is DUE
        partnerLayout("quarterly-partner", layout("quarterly-partner", "{every: quarter, due-days: 20}"));
        List<JsonNode> q = of(deliveries("from=" + TODAY), "incubators", "quarterly-partner");
        assertThat(q).hasSize(1);
        assertThat(q.get(0).get("status").asText()).isEqualTo("DUE");
        assertThat(q.get(0).get("period").asText()).isEqualTo(TODAY.getYear() + "-Q" + ((TODAY.getMonthValue() - 1) / 3 + 1));

        assertThat(rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity("/api/deliveries?from=2025-13-01", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity("/api/deliveries?from=2025-02-01&to=2025-01-01",
                String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void everyShippedConfigSaysItsCadenceAndTheSamplesLoadToReceived() throws Exception {
        loadSamples("exams", "hr", "incubators");
        JsonNode all = deliveries("from=" + TODAY.minusDays(10) + "&to=" + TODAY);
        List<String> who = new ArrayList<>();
        try (Stream<Path> layouts = Files.list(Path.of("config/partners"))) {
            for (Path p : layouts.toList()) {
                String id = p.getFileName().toString().replace(".yaml", "");
                assertThat(Files.readString(p)).as(p.toString()).contains("\ndeliveries: {every: ");
                who.add("incubators/" + id);
            }
        }
        who.addAll(List.of("exams/prometric", "exams/pearson-vue", "exams/certiport", "hr/"));
        for (String w : who) {
            String[] sp = w.split("/", -1);
            List<JsonNode> periods = of(all, sp[0], sp[1].isEmpty() ? null : sp[1]);
            assertThat(periods).as(w).isNotEmpty();
            assertThat(periods).as(w + " received its sample").anyMatch(d -> d.get("status").asText().equals("RECEIVED")
                    && !d.get("imports").isEmpty());
            assertThat(periods).as(w).noneMatch(d -> d.get("status").asText().equals("MISSING"));
        }
    }

    private JsonNode deliveries(String query) throws IOException {
        ResponseEntity<String> r = rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity("/api/deliveries?" + query, String.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(r.getBody());
    }

    private static List<JsonNode> of(JsonNode all, String source, String partner) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode d : all) {
            if (d.get("source").asText().equals(source)
                    && (partner == null ? d.get("partner").isNull() : partner.equals(d.get("partner").asText()))) {
                out.add(d);
            }
        }
        return out;
    }
}
