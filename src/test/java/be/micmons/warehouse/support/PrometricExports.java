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
        return write(file, 0, n, year, Integer.MAX_VALUE);
    }

    /**
     * Sittings number first to first + n - 1 of a year (registration R{year}-{k}), sat by candidate
     * number k modulo candidates: small exports cut from one long one, whose candidates pass again.
     * Pearson VUE exports have the same layout.
     */
    public static Path write(Path file, int first, int n, int year, int candidates) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            for (int k = first; k < first + n; k++) {
                int c = k % candidates;
                w.write("MIC01,R" + year + "-" + k + ",C" + c + ",Name" + c + ",First,c" + c + "@example.com,70-480,"
                        + "Programming in HTML5," + String.format("%02d/%02d/%d", 1 + k % 12, 1 + k % 28, year)
                        + ",Delivered,800,700,Pass\n");
            }
        }
        return file;
    }
}
