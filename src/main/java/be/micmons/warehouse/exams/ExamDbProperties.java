package be.micmons.warehouse.exams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The test-centre database (DESIGN §4 {@code mic.exam-db.*}); no url = the pull is off.
 *
 * @param table the table holding the sittings (DESIGN §5.3 {@code exam_result})
 * @param fetchSize rows fetched per round trip, so a large first pull streams
 */
@ConfigurationProperties("mic.exam-db")
public record ExamDbProperties(String url, String username, String password,
                               @DefaultValue("exam_result") String table,
                               @DefaultValue("5000") int fetchSize) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
