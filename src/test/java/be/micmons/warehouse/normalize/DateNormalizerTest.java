package be.micmons.warehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateNormalizerTest {
    private final DateNormalizer dates = new DateNormalizer(List.of("dd/MM/yyyy", "dd-MM-yy", "d/M/yy"));

    @ParameterizedTest
    @CsvSource({
            "12/03/2011,2011-03-12",
            "12-03-11,2011-03-12",
            "1/2/09,2009-02-01",
            "2011-03-12,2011-03-12",
            "40179,2010-01-01",
            "40179.0,2010-01-01",
            "'  05/06/2012 ',2012-06-05",
            "05/06/2012 00:00:00,2012-06-05",
            "2012-06-05T00:00:00,2012-06-05"})
    void acceptedForms(String raw, LocalDate expected) {
        assertThat(dates.parse(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2011", "2011-13-01", "19999", "60001", "12/03", "demain", "13/13/13", "00/01/2010"})
    void refusedForms(String raw) {
        assertThat(dates.parse(raw)).isEmpty();
    }

    @Test
    void blankIsNoDate() {
        assertThat(dates.parse("  ")).isEmpty();
        assertThat(dates.parse(null)).isEmpty();
    }

    @Test
    void twoDigitYearsAreThisCentury() {
        assertThat(new DateNormalizer(List.of("dd.MM.yy")).parse("01.01.99")).contains(LocalDate.of(2099, 1, 1));
    }

    @Test
    void monthNamesInFrenchDutchOrEnglish() {
        DateNormalizer named = new DateNormalizer(List.of("d MMMM yyyy", "d MMM yyyy"));
        assertThat(named.parse("12 mars 2011")).contains(LocalDate.of(2011, 3, 12));
        assertThat(named.parse("1 février 2010")).contains(LocalDate.of(2010, 2, 1));
        assertThat(named.parse("12 maart 2011")).contains(LocalDate.of(2011, 3, 12));
        assertThat(named.parse("12 March 2011")).contains(LocalDate.of(2011, 3, 12));
    }

    @Test
    void fourDigitPatternDoesNotTakeTwoDigitYears() {
        assertThat(new DateNormalizer(List.of("dd/MM/yyyy")).parse("01/02/12")).isEmpty();
    }
}
