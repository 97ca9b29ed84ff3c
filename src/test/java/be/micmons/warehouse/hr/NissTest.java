package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NissTest {

    @Test
    void acceptsUsualSpellingsOfAValidNumber() {
        String n = HrFixtures.niss("850730", 33);
        assertThat(n).matches("85\\.07\\.30-033\\.\\d\\d");
        String digits = n.replaceAll("\\D", "");
        assertThat(Niss.normalize(n)).contains(digits);
        assertThat(Niss.normalize(digits)).contains(digits);
        assertThat(Niss.normalize(" " + digits.substring(0, 6) + " " + digits.substring(6, 9) + " " + digits.substring(9)))
                .contains(digits);
    }

    @Test
    void checksTheDigitsOfPeopleBornBeforeAndFrom2000() {
        // 97 - (850730033 mod 97) = 97 - 64 = 33... computed, not trusted: the rule itself
        long base = 850730033L;
        String pre2000 = "850730033" + String.format("%02d", 97 - base % 97);
        assertThat(Niss.isValid(pre2000)).isTrue();
        long base2000 = 10203123L; // born 2001-02-03
        String from2000 = "010203123" + String.format("%02d", 97 - (2_000_000_000L + base2000) % 97);
        assertThat(Niss.isValid(from2000)).isTrue();
        // the 2000 number does not pass the pre-2000 rule, and the other way round: each rule stands alone
        assertThat(97 - base2000 % 97).isNotEqualTo(Long.parseLong(from2000.substring(9)));
        assertThat(Niss.normalize(HrFixtures.niss2000("010203", 123))).contains(from2000);
    }

    @Test
    void rejectsWrongCheckDigitsLengthsAndLetters() {
        String digits = HrFixtures.niss("850730", 33).replaceAll("\\D", "");
        String wrong = digits.substring(0, 9) + String.format("%02d", (Integer.parseInt(digits.substring(9)) + 1) % 100);
        assertThat(Niss.normalize(wrong)).isEmpty();
        assertThat(Niss.normalize(digits.substring(1))).isEmpty();
        assertThat(Niss.normalize(digits + "0")).isEmpty();
        assertThat(Niss.normalize("85O73003333")).isEmpty();
        assertThat(Niss.normalize("")).isEmpty();
        assertThat(Niss.normalize(null)).isEmpty();
    }
}
