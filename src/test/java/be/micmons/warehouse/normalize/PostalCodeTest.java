package be.micmons.warehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostalCodeTest {

    @ParameterizedTest
    @CsvSource({"B-7000,7000", "BE 7000,7000", "7000.0,7000", "' 7000 ',7000", "b-1348,1348", "BE-4000,4000"})
    void belgianSpellings(String raw, String expected) {
        assertThat(PostalCode.normalize(raw)).isEqualTo(expected);
        assertThat(PostalCode.isBelgian(expected)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"'  '", "''"})
    void blankIsNull(String raw) {
        assertThat(PostalCode.normalize(raw)).isNull();
    }
}
