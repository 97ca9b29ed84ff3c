package be.micmons.warehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §16: what a message may quote. */
class RedactionTest {
    @Test
    void personalLookingValuesAreDescribedNeverQuoted() {
        assertThat(Redaction.quote("85.07.30-033.28")).isEqualTo("the value (an 11-digit number, not quoted)");
        assertThat(Redaction.quote("85073003328")).doesNotContain("8507");
        assertThat(Redaction.quote("jean.dupont@example.be")).contains("an e-mail address").doesNotContain("dupont");
        assertThat(Redaction.quote("Email", "Jean")).doesNotContain("Jean");
        assertThat(Redaction.quote("31/02/2012")).isEqualTo("'31/02/2012'");
        assertThat(Redaction.quote("0825.817.616")).as("an enterprise number is not personal").isEqualTo("'0825.817.616'");
        assertThat(Redaction.scrub("line 3: 85.07.30-033.28 and a@b.be, import 12345"))
                .isEqualTo("line 3: [an 11-digit number] and [an e-mail address], import 12345");
    }

    @Test
    void aHeaderEchoQuotesOnlyKnownColumnNames() {
        assertThat(Redaction.header(List.of("CandidateID", "Dupont", "jean@x.be"), List.of("candidateid"), ","))
                .isEqualTo("CandidateID, and 2 other value(s), not quoted");
        assertThat(Redaction.header(List.of("Dupont", "Jean"), List.of("candidateid"), ",")).doesNotContain("Dupont");
    }

    @Test
    void controlCharactersAreEscapedForTheLog() {
        assertThat(LogSafe.text("x\nINJECTED.csv")).isEqualTo("x\\nINJECTED.csv");
    }
}
