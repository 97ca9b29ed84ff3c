package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exam provider layouts are files: a fourth provider is one YAML file, a wrong one says which key. */
class ExamProvidersTest extends WarehouseTest {

    @AfterEach
    void removeLayouts() throws Exception {
        Files.deleteIfExists(PROVIDERS.resolve("kryterion.yaml"));
        Files.deleteIfExists(PROVIDERS.resolve("odd.yaml"));
    }

    @Test
    void aFourthProviderIsAFile() throws Exception {
        Files.writeString(PROVIDERS.resolve("kryterion.yaml"), """
                id: kryterion
                name: Kryterion
                csv:
                  charset: UTF-8
                  delimiter: "|"
                  date-formats: ["dd.MM.yyyy"]
                  date-description: the form dd.MM.yyyy
                columns:
                  registration_id: [Booking]
                  candidate_ref: [Tester]
                  email: [Mail]
                  exam_code: [Test code]
                  date: [Tested on]
                  result: [Outcome]
                required: [candidate_ref, exam_code, date, registration_id]
                defaults:
                  status: Delivered
                """);
        drop("exams/kryterion/k-2011.csv", "Booking|Tester|Mail|Test code|Tested on|Outcome\n"
                + "B1|T1|a@example.com|70-480|15.03.2011|Pass\n"
                + "B2|T2||az900|16.03.2011|Fail\n"
                + "B3|T3||70-483|31.02.2011|Pass\n", StandardCharsets.UTF_8);
        Map<String, Object> imp = awaitImports(1).get(0);
        assertThat(imp).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("rows_loaded", 2L);
        assertThat(jdbc.queryForList("select provider || ':' || exam_code || ':' || exam_date || ':' || status || ':' || passed"
                + " from core.exam_record order by line_no", String.class))
                .containsExactly("kryterion:70-480:2011-03-15:Delivered:true", "kryterion:AZ-900:2011-03-16:Delivered:false");
        // the rejected date is told with the provider's own header text and its date form
        assertThat(jdbc.queryForList("select field || ': ' || message from ops.rejected_row", String.class))
                .singleElement().asString().startsWith("Tested on: ").contains("dd.MM.yyyy");
    }

    @Test
    void aWrongProviderLayoutFailsItsFilesNamingTheKey() throws Exception {
        Files.writeString(PROVIDERS.resolve("odd.yaml"), """
                id: odd
                csv:
                  header-line: 0
                columns:
                  candidate_ref: [Id]
                  exam_code: [Code]
                  date: [Date]
                  resultat: [R]
                """);
        drop("exams/odd/x.csv", "Id,Code,Date,R\n1,70-480,2011-01-01,Pass\n", StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0)).containsEntry("status", "FAILED");
        assertThat((String) imports.get(0).get("message")).contains("odd.yaml").contains("csv.header-line: counts from 1");
        assertThat(INBOX.resolve("exams/odd/.failed/x.csv.errors.txt")).exists();
    }
}
