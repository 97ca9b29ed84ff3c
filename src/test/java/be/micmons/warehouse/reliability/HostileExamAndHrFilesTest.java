package be.micmons.warehouse.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/**
 * The hostile corpus (issue 8) for the exam exports and the HR files (partner files: HostileFilesTest):
 * each file ends FAILED in .failed/ with its .errors.txt, or loaded with its row problems; a line
 * longer than mic.intake.max-line-chars is refused without being read whole; the app stays healthy.
 */
class HostileExamAndHrFilesTest extends WarehouseTest {
    static final String EXAM_HEADER = "TestCenterID,RegistrationID,CandidateID,LastName,FirstName,Email,ExamCode,ExamTitle,"
            + "AppointmentDate,ExamStatus,Score,PassingScore,Result\n";
    static final String EXAM_ROW = "MIC01,R001,C001,Dupont,Jean,jean@example.com,70-480,Programming in HTML5,01/15/2011,"
            + "Delivered,800,700,Pass\n";
    static final String HR_HEADER = "declaration_id;action;employer_enterprise_number;employer_name;worker_niss;"
            + "contract_type;fte;start_date;end_date;job_title;declared_at\n";
    static final String HR_ROW = "D-1;IN;0403.019.261;Acme;85.07.30-033.61;CDI;0,8;01/03/2012;;Dev;2012-02-27T10:00:00+01:00\n";

    @Autowired
    HealthEndpoint health;

    /** What every source refuses the same way: empty, header only, binary, UTF-16, NUL, over-long line. */
    private void refusedLikeAnyCsv(String folder, Map<String, String> status) throws IOException {
        assertThat(status).containsEntry("empty.csv", "FAILED")
                .containsEntry("header-only.csv", "FAILED")
                .containsEntry("binary.csv", "FAILED")
                .containsEntry("utf16.csv", "FAILED")
                .containsEntry("nul.csv", "FAILED")
                .containsEntry("long-line.csv", "FAILED");
        assertThat(errors(folder, "long-line.csv")).contains("longer than 100000 characters");
        assertThat(errors(folder, "nul.csv")).contains("NUL");
        failedWithReasons(folder, status);
    }

    @Test
    void hostileExamExportsAreRefusedWithTheirReasonAndNothingIsHalfLoaded() throws IOException {
        corpus("exams/prometric/", EXAM_HEADER, EXAM_ROW, ',', ';');
        Map<String, String> status = statuses(awaitImports(8));

        refusedLikeAnyCsv("exams/prometric", status);
        // the exam layouts are sniffed: a semicolon export is read as such, row by row
        assertThat(status.get("wrong-delimiter.csv")).isIn("LOADED", "LOADED_WITH_REJECTS");
        assertThat(status).containsEntry("good.csv", "LOADED");
        // only the good and the semicolon files count: one passed exam each, same sitting = one
        assertThat(kpi("exams_passed", 2011)).isEqualTo(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void hostileHrFilesAreRefusedWithTheirReasonAndNothingIsHalfLoaded() throws IOException {
        corpus("hr/", HR_HEADER, HR_ROW, ';', ',');
        Map<String, String> status = statuses(awaitImports(8));

        refusedLikeAnyCsv("hr", status);
        assertThat(status).containsEntry("wrong-delimiter.csv", "FAILED");
        assertThat(status.get("good.csv")).isIn("LOADED", "LOADED_WITH_REJECTS");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    /** Eight files: seven hostile ones and a good one, the same for every source. */
    private static void corpus(String folder, String header, String row, char delimiter, char wrong) throws IOException {
        byte[] binary = new byte[8192];
        new Random(8).nextBytes(binary);
        drop(folder + "binary.csv", binary);
        drop(folder + "empty.csv", new byte[0]);
        drop(folder + "header-only.csv", header, UTF_8);
        drop(folder + "utf16.csv", header + row, StandardCharsets.UTF_16);
        drop(folder + "nul.csv", header + row.replaceFirst(String.valueOf(delimiter), "\0" + delimiter), UTF_8);
        drop(folder + "long-line.csv", header + row + "X".repeat(5_000_000) + "\n", UTF_8);
        drop(folder + "wrong-delimiter.csv", (header + row).replace(delimiter, wrong), UTF_8);
        drop(folder + "good.csv", header + row, UTF_8);
    }

    private static Map<String, String> statuses(List<Map<String, Object>> imports) {
        assertThat(imports).hasSize(8);
        return imports.stream().collect(Collectors.toMap(m -> (String) m.get("file_name"), m -> (String) m.get("status")));
    }

    /** Every refused file is in .failed/ with a reason; nothing is left in the inbox itself. */
    private static void failedWithReasons(String folder, Map<String, String> status) throws IOException {
        status.forEach((file, s) -> {
            if (s.equals("FAILED")) {
                try {
                    assertThat(errors(folder, file)).contains("Why it was not imported:");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            awaitGone(INBOX.resolve(folder).resolve(file));
        });
    }

    private static String errors(String folder, String file) throws IOException {
        Path failed = INBOX.resolve(folder).resolve(".failed");
        assertThat(failed.resolve(file)).exists();
        return Files.readString(failed.resolve(file + ".errors.txt"));
    }
}
