package be.micmons.warehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Digital Wallonia Lab S.P.R.L.|digital wallonia lab",
            "sprl Digital Wallonia Lab|digital wallonia lab",
            "DIGITAL WALLONIA LAB, SPRL|digital wallonia lab",
            "Télé-Santé Hainaut ASBL|tele sante hainaut",
            "Boréal   Informatique s.a.|boreal informatique",
            "Pixel & Co|pixel co",
            "Café S.A.|cafe",
            "N.V. Vlaamse Data BVBA|vlaamse data",
            "Sambre Security SA|sambre security",
            "SAbre Consulting|sabre consulting",
            "SCRL Coop-IT (s.c.r.l.)|coop it s c r l", // pinned order: a bracketed form is not a whole token
            "Société Anonyme Wallonne|societe anonyme wallonne"})
    void legalFormsAccentsAndPunctuationGo(String name, String key) {
        assertThat(NameKey.of(name)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"S.A.|", "   |"})
    void nothingLeftGivesAnEmptyKey(String name, String key) {
        assertThat(NameKey.of(name)).isEqualTo(key == null ? "" : key);
    }
}
