package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exam code, result and date rules of DESIGN §6. */
class ExamCodeTest {

    @ParameterizedTest
    @CsvSource({
            "70-480, 70-480", "' 70-480 ', 70-480", "070-480, 70-480", "098-361, 98-361", "70480, 70-480",
            "98361, 98-361", "EXAM 70-480, 70-480", "exam70-486, 70-486", "Exam  070-410, 70-410",
            "MO200, MO-200", "mo-200, MO-200", "az900, AZ-900", "AZ 900, AZ-900", "72-410, 70-410",
            "73-480, 70-480", "71-411, 70-411", "072-412, 70-412", "72480, 70-480", "77-882, 77-882",
            "MB2-712, MB2-712", "70 - 480, 70-480"})
    void examCodes(String raw, String expected) {
        assertThat(ExamCode.normalize(raw)).contains(expected);
    }

    @Test
    void blankCodesAreNone() {
        assertThat(ExamCode.normalize("  ")).isEmpty();
        assertThat(ExamCode.normalize("EXAM ")).isEmpty();
        assertThat(ExamCode.normalize(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Pass, true", "PASS, true", "p, true", "Réussi, true", "reussi, true", "1, true", "TRUE, true",
            "Fail, false", "FAIL, false", "0, false", "false, false", "Échoué, false"})
    void results(String raw, boolean pass) {
        assertThat(ExamOutcome.result(raw)).contains(pass);
    }

    @ParameterizedTest
    @CsvSource({"Delivered, Delivered", "DELIVERED, Delivered", "No Show, No Show", "no-show, No Show",
            "Canceled, Cancelled", "Cancelled, Cancelled", "Delivery Failed, Delivery Failed"})
    void statuses(String raw, String status) {
        assertThat(ExamOutcome.status(raw)).contains(status);
    }

    @Test
    void placeholderIdsAreNoIds() {
        assertThat(ExamRowNormalizer.identifier(" r-0012 ")).isEqualTo("R-0012");
        assertThat(ExamRowNormalizer.identifier("N/A")).isNull();
        assertThat(ExamRowNormalizer.identifier("-")).isNull();
        assertThat(ExamRowNormalizer.identifier("0")).isNull();
        assertThat(ExamRowNormalizer.identifier("  ")).isNull();
    }

    @Test
    void dates() {
        assertThat(ExamDates.US.parse("03/14/2011")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-03-14"));
        assertThat(ExamDates.US.parse("3/4/2011")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-03-04"));
        assertThat(ExamDates.US.parse("12/31/2011 11:30 PM")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-12-31"));
        assertThat(ExamDates.US.parse("31/12/2011")).isEmpty();
        assertThat(ExamDates.CERTIPORT.parse("2011-12-31 23:30:00")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-12-31"));
        // with an offset the instant is dated in Brussels
        assertThat(ExamDates.ISO.parse("2011-12-31 23:30:00+00")).hasValueSatisfying(d -> assertThat(d).hasToString("2012-01-01"));
        assertThat(ExamDates.ISO.parse("2011-06-30 23:30:00 +0000")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-07-01"));
        assertThat(ExamDates.US.parse("3/14/11")).hasValueSatisfying(d -> assertThat(d).hasToString("2011-03-14"));
        assertThat(ExamDates.CERTIPORT.parse("2011-12-31T23:30:00Z")).hasValueSatisfying(d -> assertThat(d).hasToString("2012-01-01"));
    }
}
