package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The content hash is stored with every row: its value for a given row must never change. */
class ExamStageTest {

    @Test
    void contentHashIsFnv1aOfTheFieldTexts() {
        Random random = new Random(7);
        String[] texts = {null, "", "prometric", "PRM0156403", "70-480", "Delivered", "é|x", "a".repeat(64)};
        BigDecimal[] scores = {null, new BigDecimal("700"), new BigDecimal("82.50"), new BigDecimal("7E+2"), BigDecimal.ZERO};
        LocalDate[] dates = {LocalDate.of(2009, 1, 23), LocalDate.of(2013, 12, 4), LocalDate.of(999, 5, 6),
                LocalDate.of(12_345, 1, 1), LocalDate.of(2000, 10, 31)};
        byte[] full = new byte[32];
        random.nextBytes(full);
        byte[][] hashes = {null, new byte[0], new byte[] {0, -1, 0x7f, -128, 0x10}, full};
        for (int i = 0; i < 500; i++) {
            ExamSitting s = new ExamSitting(pick(random, texts), pick(random, texts), pick(random, hashes),
                    pick(random, hashes), pick(random, texts), pick(random, texts), pick(random, dates),
                    pick(random, texts), pick(random, scores), pick(random, scores), pick(random, texts),
                    random.nextBoolean(), null, null);
            assertThat(ExamStage.contentHash(s)).as("%s", s).isEqualTo(reference(s));
        }
    }

    /** The definition: FNV-1a over each field's text then '|', null as U+0000, a hash in lower-case hex. */
    private static long reference(ExamSitting s) {
        long h = 0xcbf29ce484222325L;
        for (Object v : new Object[] {s.provider(), s.registrationId(), s.candidateHash(), s.personHash(),
                s.examCode(), s.examDate(), s.status(), s.passed(), plain(s.score()), plain(s.passingScore())}) {
            String text = v == null ? "\u0000" : v instanceof byte[] b ? HexFormat.of().formatHex(b) : v.toString();
            for (int i = 0; i < text.length(); i++) {
                h = (h ^ text.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ '|') * 0x100000001b3L;
        }
        return h;
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
