package be.micmons.warehouse.exams;

import be.micmons.warehouse.ConfigFiles;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@code config/certifications.yaml} (exam codes -> certification titles) into
 * {@code ops.certification} and {@code ops.certification_requirement} at every start. A title's
 * {@code requires} lists exam codes; an entry that is itself a list means "one of these".
 */
@Component
@Order(0)
public class CertificationCatalogue implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(CertificationCatalogue.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Catalogue(List<Certification> certifications) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Certification(String id, String title, String family, List<Object> requires) {}

    private final ExamsProperties props;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public CertificationCatalogue(ExamsProperties props, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.props = props;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        load();
    }

    /** (Re)writes the catalogue tables from the file; returns the number of titles. */
    public int load() throws IOException {
        String file = ConfigFiles.locate(props.catalogueFile());
        Catalogue cat = ConfigFiles.readYaml(props.catalogueFile(), Catalogue.class);
        List<Certification> certs = cat.certifications() == null ? List.of() : cat.certifications();
        List<Object[]> titles = new ArrayList<>();
        List<Object[]> requirements = new ArrayList<>();
        for (Certification c : certs) {
            if (c.id() == null || c.title() == null || c.requires() == null || c.requires().isEmpty()) {
                throw new IllegalStateException(file + ": every certification needs an id, a title and requires (" + c + ")");
            }
            titles.add(new Object[] {c.id(), c.title(), c.family()});
            int grp = 0;
            for (Object req : c.requires()) {
                grp++;
                List<?> alternatives = req instanceof List<?> l ? l : List.of(req);
                for (Object code : alternatives) {
                    String normalized = ExamCode.normalize(String.valueOf(code)).orElseThrow(() ->
                            new IllegalStateException(file + ": empty exam code in " + c.id()));
                    requirements.add(new Object[] {c.id(), grp, normalized});
                }
            }
        }
        tx.executeWithoutResult(s -> {
            jdbc.queryForList("select pg_advisory_xact_lock(hashtext('ops.certification'))");
            jdbc.update("delete from ops.certification");
            jdbc.batchUpdate("insert into ops.certification (id, title, family) values (?, ?, ?)", titles);
            jdbc.batchUpdate("insert into ops.certification_requirement (certification_id, grp, exam_code)"
                    + " values (?, ?, ?) on conflict do nothing", requirements);
        });
        log.info("Certification catalogue loaded from {}: {} titles", file, titles.size());
        return titles.size();
    }
}
