package be.micmons.warehouse.incubators;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The incubator tests' two partner sites, alpha-site and beta-site, added as an operator adds layouts. */
abstract class TwoSitesTestBase extends WarehouseTest {
    /** The header line of both sites' files. */
    static final String HEADER = "Nom;BCE;Création;CP\n";

    @BeforeAll
    static void layouts() throws IOException {
        for (String id : List.of("alpha-site", "beta-site")) {
            partnerLayout(id, """
                    id: %s
                    name: Test site %s
                    csv:
                      charset: UTF-8
                      delimiter: ";"
                      date-formats: ["dd/MM/yyyy"]
                    columns:
                      name: ["Nom"]
                      enterprise_number: ["BCE"]
                      creation_date: ["Création"]
                      postal_code: ["CP"]
                    """.formatted(id, id));
        }
    }
}
