package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bulk read path must refuse exactly what the one-character path refuses, with the same line. */
class GuardedReaderTest {

    @Test
    void refusesALongLineOrANulWithItsLineNumber() {
        assertThatThrownBy(() -> drain(new GuardedReader(new StringReader("ab\r\ncd\rxxxxxx\n"), 5, 1), 64))
                .hasMessageStartingWith("line 3 is longer than 5 characters");
        assertThatThrownBy(() -> drain(new GuardedReader(new StringReader("a\nb\n\nc\u0000"), 5, 10), 64))
                .hasMessageStartingWith("line 13 holds a NUL character");
    }

    @Test
    void bulkAndSingleCharacterReadsAgreeOnRandomText() throws IOException {
        Random random = new Random(42);
        String alphabet = "ab,;\"\r\n\r\n\t\u0000é";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                // NUL rarely, so that most texts are read to a line-length verdict or to the end
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                text.append(c == '\u0000' && random.nextInt(4) > 0 ? 'x' : c);
            }
            int max = 1 + random.nextInt(8);
            String expected = outcome(new GuardedReader(new StringReader(text.toString()), max, 1), 1);
            String actual = outcome(new GuardedReader(new StringReader(text.toString()), max, 1), 1 + random.nextInt(7));
            assertThat(actual).as("text %s, limit %d", text.toString().replace("\r", "\\r").replace("\n", "\\n"), max)
                    .isEqualTo(expected);
        }
    }

    /** "ok" or the refusal, reading one character at a time (chunk 1) or by random chunks up to chunk. */
    private static String outcome(Reader reader, int chunk) throws IOException {
        try {
            drain(reader, chunk);
            return "ok";
        } catch (GuardedReader.Refused refused) {
            return refused.getMessage();
        }
    }

    private static void drain(Reader reader, int chunk) throws IOException {
        if (chunk == 1) {
            while (reader.read() >= 0) {
                // just read
            }
            return;
        }
        char[] buf = new char[chunk + 3];
        while (reader.read(buf, 3, chunk) >= 0) {
            // just read
        }
    }
}
