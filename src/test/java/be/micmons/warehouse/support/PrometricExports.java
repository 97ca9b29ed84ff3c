package be.micmons.warehouse.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Large Prometric exports for tests, streamed to disk: n passed sittings in a year, one per candidate. */
public final class PrometricExports {
    public static final String HEADER = "TestCenterID,RegistrationID,CandidateID,LastName,FirstName,Email,ExamCode,"
            + "ExamTitle,AppointmentDate,ExamStatus,Score,PassingScore,Result\n";

    private PrometricExports() {}

    /** Writes the export to file; exports of different years share their candidates. */
    public static Path write(Path file, int n, int year) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            for (int i = 0; i < n; i++) {
                w.write("MIC01,R" + year + "-" + i + ",C" + i + ",Name" + i + ",First,c" + i + "@example.com,70-480,"
                        + "Programming in HTML5," + String.format("%02d/%02d/%d", 1 + i % 12, 1 + i % 28, year)
                        + ",Delivered,800,700,Pass\n");
            }
        }
        return file;
    }
}
