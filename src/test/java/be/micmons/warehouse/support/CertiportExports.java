package be.micmons.warehouse.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certiport exports for tests (semicolons, UTF-8 with BOM, DESIGN §5.3), streamed to disk. */
public final class CertiportExports {
    public static final String HEADER = "Site ID;Exam Group;Candidate ID;Candidate Name;Email;Program;Exam Code;"
            + "Exam Name;Exam Start;Score;Passing Score;Result\n";

    private CertiportExports() {}

    /** Passed sittings number first to first + n - 1 of a year, sat by candidate number k modulo candidates. */
    public static Path write(Path file, int first, int n, int year, int candidates) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            w.write(HEADER);
            for (int k = first; k < first + n; k++) {
                int c = k % candidates;
                String code = k % 2 == 0 ? "77-881" : "98-349";
                w.write("90012345;MIC Mons;CP" + c + ";\"NAME" + c + ", First\";cp" + c + "@example.com;MOS;" + code
                        + ";Exam " + code + ";" + String.format("%d-%02d-%02d %02d:%02d:00", year, 1 + k % 12, 1 + k % 28,
                        8 + k % 9, k % 60) + ";800;700;PASS\n");
            }
        }
        return file;
    }
}
