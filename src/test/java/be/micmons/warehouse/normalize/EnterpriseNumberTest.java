package be.micmons.warehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnterpriseNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"0403.019.261", "0403 019 261", "0403019261", "BE0403019261", "BE 0403.019.261",
            "403019261", " be0403.019.261 ", "0403-019-261", "403.019.261", "403019261.0", "0403019261,00"})
    void everySpellingGivesTenDigits(String raw) {
        assertThat(EnterpriseNumber.normalize(raw)).contains("0403019261");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0403.019.262", "2403019261", "04030192611", "12345", "BE", "", "   ",
            "0403.019.26l", "n/a", "FR0403019261", "0000000000"})
    void invalidNumbersAreRefused(String raw) {
        assertThat(EnterpriseNumber.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1015199822", "0825817616"})
    void numbersStartingWithOneOrZeroAreValid(String raw) {
        assertThat(EnterpriseNumber.normalize(raw)).contains(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0403019261"})
    void checkDigitsOfTheDesignExample(String digits) {
        // 4030192 mod 97 = 36, 97 - 36 = 61
        assertThat(EnterpriseNumber.isValid(digits)).isTrue();
        assertThat(EnterpriseNumber.format(digits)).isEqualTo("0403.019.261");
    }
}
