package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.admin.ReimportService;
import be.micmons.warehouse.admin.ReviewDecisions;
import be.micmons.warehouse.hr.HrFixtures.Decl;
import be.micmons.warehouse.kpi.MartMaintenance;
import be.micmons.warehouse.support.ImportSteps;
import be.micmons.warehouse.support.WarehouseTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start-ups (members and deduplicated start-ups) and the jobs (contracts, jobs, counted jobs per
 * year) are kept as tables, refreshed in the commit of each import status change and start-up
 * merge: after every step of random sequences of partner files (look-alike names, shared and
 * missing enterprise numbers, one place), HR declarations on those employers, re-imports, imports
 * withdrawn and counted again by a bare status change, and review decisions, every maintained layer
 * equals its reference, to the row.
 */
class StartupAndJobMartsTest extends WarehouseTest {
    private static final String HEADER = "Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status\n";
    private static final String[] NAMES = {"Digital Wallonia Lab", "Digital Walonia Lab", "Hainaut Cloud Services",
        "Hainaut Cloud Service", "Meuse Energy Data"};
    private static final String[] NUMBERS = {HrCsvIntakeTest.A, HrCsvIntakeTest.B, "0540.367.796", "0868.747.242", ""};
    private static final String[] EMPLOYERS = {HrCsvIntakeTest.A, HrCsvIntakeTest.B, "0540.367.796", "0868.747.242",
        HrCsvIntakeTest.UNKNOWN, HrCsvIntakeTest.BAD_EN};
    private static final String[] TYPES = {"CDI", "CDD", "CDI", "STUDENT"};
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Autowired
    ReimportService reimports;
    @Autowired
    ReviewDecisions decisions;
    @Autowired
    MartMaintenance marts;

    private ImportSteps steps;
    private final List<String> workers = new ArrayList<>();
    private int files;
    private int declarations;

    @Test
    void randomSequencesKeepTheStartupAndJobTablesEqualToTheReference() throws Exception {
        steps = new ImportSteps(jdbc, reimports, "'incubators', 'hr'", WAIT);
        for (int i = 0; i < 8; i++) {
            workers.add(HrFixtures.niss(String.format("8%d0%d1%d", i, 1 + i, i), 100 + i));
        }
        for (long seed : new long[] {10, 30}) {
            Random rnd = new Random(seed);
            for (int step = 0; step < 20; step++) {
                String what = randomStep(rnd);
                assertEqualToReference("seed " + seed + ", step " + step + ": " + what);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from mart.job_count", Long.class)).as("jobs counted").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from mart.job where employer_en not in "
                + "(select enterprise_number from mart.startup_member where enterprise_number is not null)", Long.class))
                .as("jobs kept but not counted").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from core.startup_alias", Long.class)).as("merges").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from mart.startup_member where ambiguous", Long.class))
                .as("records of a place with several numbers").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'SUPERSEDED'", Long.class)).isPositive();

        // a full rebuild gives the same tables
        String before = snapshot();
        marts.requestRebuild();
        assertThat(snapshot()).isEqualTo(before);
        assertEqualToReference("after a rebuild");
    }

    private String randomStep(Random rnd) throws Exception {
        int pick = rnd.nextInt(10);
        if (pick <= 2) {
            StringBuilder csv = new StringBuilder(HEADER);
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                LocalDate founded = LocalDate.of(2009 + rnd.nextInt(5), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
                csv.append(NAMES[rnd.nextInt(NAMES.length)]).append(";SPRL;").append(NUMBERS[rnd.nextInt(NUMBERS.length)])
                        .append(';').append(rnd.nextInt(8) == 0 ? "" : String.format("%02d/%02d/%d",
                                founded.getDayOfMonth(), founded.getMonthValue(), founded.getYear()))
                        .append(rnd.nextInt(4) == 0 ? ";7500;Tournai" : ";7000;Mons").append(";web;Boostcamp;created\n");
            }
            return dropFile("incubators/mons-mic/s" + (++files) + ".csv", csv.toString(), n + " start-up rows");
        }
        if (pick <= 5) {
            List<Decl> decls = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                boolean later = declarations > 0 && rnd.nextInt(3) > 0;
                String id = "D-" + (later ? 1 + rnd.nextInt(declarations) : ++declarations);
                String action = !later ? "IN" : new String[] {"UPDATE", "OUT", "CANCEL", "IN"}[rnd.nextInt(4)];
                OffsetDateTime at = OffsetDateTime.of(2009, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(1))
                        .plusHours(rnd.nextInt(5 * 365 * 24));
                LocalDate start = at.toLocalDate().plusDays(rnd.nextInt(30));
                decls.add("OUT".equals(action) || "CANCEL".equals(action)
                        ? new Decl(id, action, null, null, null, null, null,
                                "OUT".equals(action) ? start.plusMonths(6).toString() : null, AT.format(at))
                        : new Decl(id, action, EMPLOYERS[rnd.nextInt(EMPLOYERS.length)], workers.get(rnd.nextInt(workers.size())),
                                TYPES[rnd.nextInt(TYPES.length)], rnd.nextBoolean() ? "1" : "0.5", start.toString(), null,
                                AT.format(at)));
            }
            return dropFile("hr/d" + (++files) + ".csv", HrFixtures.csv(decls), n + " declarations");
        }
        if (pick == 6) {
            return steps.reimport(rnd);
        }
        if (pick == 7) {
            return steps.withdraw(rnd);
        }
        if (pick == 8) {
            return steps.countAgain(rnd);
        }
        List<Long> pending = jdbc.queryForList("select id from core.review_pair where status = 'PENDING' order by id", Long.class);
        if (pending.isEmpty()) {
            return "no look-alike to decide";
        }
        long pair = pending.get(rnd.nextInt(pending.size()));
        return "review pair " + pair + ": " + (rnd.nextInt(3) > 0 ? decisions.merge(pair) : decisions.distinct(pair));
    }

    private String dropFile(String path, String content, String what) throws Exception {
        int before = jdbc.queryForObject("select count(*) from ops.import where status <> 'RUNNING'", Integer.class);
        drop(path, content, StandardCharsets.UTF_8);
        awaitImports(before + 1);
        return what + " (" + path + ")";
    }

    private void assertEqualToReference(String after) {
        for (MartMaintenance.Layer layer : marts.verify()) {
            assertThat(layer.equal()).as("%s after %s", layer, after).isTrue();
        }
        // the counted jobs, as the rule reads them from the records themselves
        assertThat(jdbc.queryForList("select year || ':' || jobs || ':' || fte from mart.job_count order by year", String.class))
                .as("jobs per year after %s", after)
                .isEqualTo(jdbc.queryForList("""
                        select year || ':' || count(*) || ':' || coalesce(sum(fte), 0) from mart_ref.hr_job
                        where employer_en in (select enterprise_number from mart_ref.startup_member)
                        group by year order by year""", String.class));
    }

    private String snapshot() {
        return String.join("\n", jdbc.queryForList("""
                select t from (select 'm' || x::text as t from mart.startup_member x
                    union all select 's' || x::text from mart.startup x
                    union all select 'c' || x::text from mart.hr_contract x
                    union all select 'j' || x::text from mart.job x
                    union all select 'n' || x::text from mart.job_count x) t order by 1""", String.class));
    }
}
