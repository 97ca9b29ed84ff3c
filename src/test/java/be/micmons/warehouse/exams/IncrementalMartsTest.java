package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.admin.ReimportService;
import be.micmons.warehouse.kpi.MartMaintenance;
import be.micmons.warehouse.support.ImportSteps;
import be.micmons.warehouse.support.TestCentre;
import be.micmons.warehouse.support.WarehouseTest;
import be.micmons.warehouse.warehouse.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exam marts are maintained incrementally (a deferred trigger on ops.import): after every step
 * of random sequences of exports (with and without registration ids, Certiport ones), re-delivered
 * files, re-imports, imports withdrawn and approved again by a bare status change, and test-centre
 * rows inserted and updated then pulled, the maintained layers equal the full recompute, to the row.
 */
class IncrementalMartsTest extends WarehouseTest {
    private static final String PROMETRIC = "TestCenterID,RegistrationID,CandidateID,LastName,FirstName,Email,ExamCode,"
            + "ExamTitle,AppointmentDate,ExamStatus,Score,PassingScore,Result\n";
    private static final String CERTIPORT = "\uFEFFSite ID;Exam Group;Candidate ID;Candidate Name;Email;Program;Exam Code;"
            + "Exam Name;Exam Start;Score;Passing Score;Result\n";
    private static final String[] CODES = {"70-480", "070-486", "98-361"};
    private static final String[] CERTIPORT_CODES = {"77881", "MO200", "98-361"};
    private static final LocalDate[] DATES = {LocalDate.of(2010, 3, 1), LocalDate.of(2010, 12, 31),
            LocalDate.of(2011, 1, 1), LocalDate.of(2011, 6, 15), LocalDate.of(2012, 2, 29), LocalDate.of(2013, 7, 4)};

    @Autowired
    ExamDbPull pull;
    @Autowired
    ReimportService reimports;
    @Autowired
    MartMaintenance marts;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @LocalServerPort
    int port;

    private ImportSteps steps;
    private TestCentre testCentre;
    private JdbcTemplate centre;
    private final List<String> delivered = new ArrayList<>();
    private int files;
    private int dbIds;

    @BeforeEach
    void testCentre() throws Exception {
        steps = new ImportSteps(jdbc, reimports, "'exams'", WAIT);
        testCentre = TestCentre.create(jdbc, "martcentre");
        centre = testCentre.jdbc();
        pull.overrideSettings(testCentre.settings(3));
    }

    @AfterEach
    void configuredAgain() {
        marts.applySettings();
        pull.overrideSettings(null);
        testCentre.close();
    }

    @Test
    void randomSequencesKeepTheMaintainedMartsEqualToTheReference() throws Exception {
        for (long seed : new long[] {14, 2014}) {
            Random rnd = new Random(seed);
            for (int step = 0; step < 22; step++) {
                long lastImport = jdbc.queryForObject("select coalesce(max(id), 0) from ops.import", Long.class);
                String what = randomStep(rnd);
                assertDuplicatesCountedByTheRule(lastImport, "seed " + seed + ", step " + step + ": " + what);
                assertEqualToReference("seed " + seed + ", step " + step + ": " + what);
            }
        }
        assertThat(jdbc.queryForObject("select sum(rows_duplicate) from ops.import where source = 'exams'", Long.class))
                .as("rows repeating another import's").isPositive();
        theDuplicateCountReadsTheSameFromTheMartsAsFromTheRows();
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'SUPERSEDED'", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'DUPLICATE'", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from core.exam_record where db_id is not null", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from mart.exam_metric_count", Long.class)).isPositive();

        // a full rebuild gives the same tables
        String before = snapshot();
        marts.rebuild();
        assertThat(snapshot()).isEqualTo(before);
        assertEqualToReference("after a rebuild");
    }

    @Test
    void verifyMartsIsAnAdminCallOnTheLiveWarehouse() throws Exception {
        drop("exams/prometric/a.csv", PROMETRIC + row(new Random(1), true), StandardCharsets.UTF_8);
        awaitImports(1);
        HttpResponse<String> admin = post("admin:" + ADMIN_PASSWORD, "/api/maintenance/verify-marts");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"equal\":true", "mart.exam_sitting", "mart.exam_metric_count");
        assertThat(post("viewer:" + VIEWER_PASSWORD, "/api/maintenance/verify-marts").statusCode()).isEqualTo(403);
        assertThat(post(null, "/api/maintenance/verify-marts").statusCode()).isEqualTo(401);

        // a maintained table changed behind the trigger's back is found, and a rebuild mends it
        jdbc.update("delete from mart.exam_member");
        assertThat(post("admin:" + ADMIN_PASSWORD, "/api/maintenance/verify-marts").body()).contains("\"equal\":false");
        java.sql.Timestamp before = jdbc.queryForObject("select coalesce(rebuilt_at, 'epoch') from mart.exam_state", java.sql.Timestamp.class);
        HttpResponse<String> rebuild = post("admin:" + ADMIN_PASSWORD, "/api/maintenance/rebuild-marts");
        assertThat(rebuild.statusCode()).isEqualTo(202);
        assertThat(rebuild.body()).contains("\"stale\":true", "\"location\":\"/api/maintenance/marts\"");
        assertThat(post("viewer:" + VIEWER_PASSWORD, "/api/maintenance/rebuild-marts").statusCode()).isEqualTo(403);
        // the route rebuilds them: the state says so, and they equal the reference again
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = get("viewer:" + VIEWER_PASSWORD, "/api/maintenance/marts").body();
            return state.contains("\"stale\":false") && jdbc.queryForObject(
                    "select rebuilt_at > ? from mart.exam_state", Boolean.class, before);
        });
        assertThat(jdbc.queryForObject("select missing + extra from mart.verify_exam_marts() where layer = 'mart.exam_member'",
                Long.class)).isZero();
        assertThat(post("admin:" + ADMIN_PASSWORD, "/api/maintenance/verify-marts").body()).contains("\"equal\":true");
    }

    @Test
    void aLargeImportIsRebuiltInBulkAfterItsCommitWithTheSameFigures() throws Exception {
        drop("exams/prometric/small.csv", PROMETRIC + row(new Random(7), true), StandardCharsets.UTF_8);
        awaitImports(1);
        await().atMost(WAIT).until(() -> !marts.stale());
        Long rebuilds = jdbc.queryForObject("select count(*) from mart.exam_state where rebuilt_at is not null", Long.class);
        java.sql.Timestamp before = jdbc.queryForObject("select coalesce(rebuilt_at, 'epoch') from mart.exam_state", java.sql.Timestamp.class);

        jdbc.update("update mart.exam_state set bulk_rows = 3");
        StringBuilder csv = new StringBuilder(PROMETRIC);
        Random rnd = new Random(8);
        for (int i = 0; i < 12; i++) {
            csv.append(row(rnd, true));
        }
        drop("exams/prometric/large.csv", csv.toString(), StandardCharsets.UTF_8);
        awaitImports(2);
        // the route rebuilt them after the commit; the figures read meanwhile were the reference's
        await().atMost(WAIT).until(() -> !marts.stale() && jdbc.queryForObject(
                "select rebuilt_at > ? from mart.exam_state", Boolean.class, before));
        assertThat(rebuilds).isOne();
        assertEqualToReference("a large import");
        assertThat(jdbc.queryForObject("select sum(value) from mart.exam_metric_count where metric = 'exams_passed'", Long.class))
                .isEqualTo(jdbc.queryForObject("select count(*) from mart_ref.exam_sitting where passed", Long.class));
    }

    @Test
    void whileStaleTheFiguresAreComputedOnRead() {
        String figures = "select metric || ' ' || year || ' ' || value from mart.exam_metric_by_year order by 1";
        List<String> fresh = jdbc.queryForList(figures, String.class);
        String plan = String.join("\n", jdbc.queryForList("explain (analyze, costs off) select * from mart.exam_metric_by_year", String.class));
        assertThat(plan).contains("exam_metric_count").containsPattern("Seq Scan on exam_record[^\\n]*\\(never executed\\)");
        // stale by hand, inside a transaction rolled back, so the route never sees it
        tx.executeWithoutResult(s -> {
            jdbc.update("update mart.exam_state set stale = true, counts_stale = true");
            jdbc.update("delete from mart.exam_metric_count");
            assertThat(jdbc.queryForList(figures, String.class)).isEqualTo(fresh);
            s.setRollbackOnly();
        });
    }

    /**
     * Imports that commit during a bulk rebuild, at any of its steps and while readers publish the
     * counts, are applied by its last step: the marts are fresh after that one round and equal to
     * the reference, counts included. A rebuild asked for by an operator meanwhile makes it do
     * another round. The steps run here on one connection holding the rebuild's session lock, as
     * the marts-rebuild route runs them (the route, finding the lock taken, leaves them to it).
     */
    @Test
    void importsCommittedDuringARebuildAreAppliedByItsLastStep() throws Exception {
        int applied = 0;
        int asked = 0;
        try (Connection c = jdbc.getDataSource().getConnection()) {
            c.setAutoCommit(true);
            for (long seed : new long[] {5, 1405}) {
                Random rnd = new Random(seed);
                for (int round = 0; round < 6; round++) {
                    String at = "seed " + seed + ", round " + round;
                    Sql.run(c, "select pg_advisory_lock(hashtext('mart.exam_marts'))");
                    boolean operator = round == 4;
                    long noted;
                    boolean fresh;
                    try {
                        Sql.run(c, "update mart.exam_state set stale = true, counts_stale = true,"
                                + " stale_since = clock_timestamp(), changes = changes + 1");
                        stepsDuringARebuild(rnd);
                        long changes = value(c, "select mart.exam_marts_begin_rebuild()");
                        stepsDuringARebuild(rnd);
                        value(c, "select count(*) from (select mart.exam_marts_publish_counts(" + changes + ")) p");
                        stepsDuringARebuild(rnd);
                        Sql.run(c, "select mart.exam_marts_fill()");
                        Sql.run(c, "select mart.exam_marts_indexes()");
                        stepsDuringARebuild(rnd);
                        if (operator) {
                            marts.requestRebuild();
                            stepsDuringARebuild(rnd);
                        }
                        noted = value(c, "select count(distinct import_id) from mart.exam_pending");
                        fresh = value(c, "select count(*) from mart.exam_marts_settle(" + changes + ", 0) f where f") == 1;
                    } finally {
                        Sql.run(c, "select pg_advisory_unlock(hashtext('mart.exam_marts'))");
                    }
                    assertThat(fresh).as("fresh after %s (%d imports noted)", at, noted).isEqualTo(!operator);
                    if (fresh) {
                        applied += noted;
                        assertThat(marts.stale()).isFalse();
                        assertThat(value(c, "select count(*) from mart.exam_pending")).isZero();
                    } else {
                        asked++;
                    }
                    assertEqualToReference(at);
                }
            }
        }
        assertThat(applied).as("imports applied by the last step").isGreaterThan(5);
        assertThat(asked).isEqualTo(2);
    }

    /** Zero to two random steps, none of them large, and a reader publishing the counts now and then. */
    private void stepsDuringARebuild(Random rnd) throws Exception {
        for (int n = rnd.nextInt(3); n > 0; n--) {
            randomStep(rnd, false);
        }
        if (rnd.nextInt(3) == 0) {
            marts.publishCountsIfStale();
        }
    }

    private static long value(Connection c, String sql) throws java.sql.SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A bulk rebuild publishes the counts first: from then on the figures are read from them while
     * the tables behind the evidence are still stale; an import committed after the rebuild began
     * keeps them from being published (its change may not be in them).
     */
    @Test
    void theCountsArePublishedAheadOfTheOtherTables() throws Exception {
        drop("exams/prometric/p.csv", PROMETRIC + row(new Random(3), true) + row(new Random(4), true), StandardCharsets.UTF_8);
        awaitImports(1);
        await().atMost(WAIT).until(() -> !marts.stale());
        String figures = "select metric || ' ' || year || ' ' || value from mart.exam_metric_by_year order by 1";
        List<String> fresh = jdbc.queryForList(figures, String.class);
        tx.executeWithoutResult(s -> {
            jdbc.update("update mart.exam_state set stale = true, counts_stale = true");
            jdbc.update("delete from mart.exam_metric_count");
            jdbc.update("delete from mart.pass_years_count");
            Long changes = jdbc.queryForObject("select changes from mart.exam_state", Long.class);
            // an import committed since the rebuild began: not published
            jdbc.update("update mart.exam_state set changes = changes + 1");
            assertThat(jdbc.queryForObject("select mart.exam_marts_publish_counts(?)", Boolean.class, changes)).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from mart.exam_metric_count", Long.class)).isPositive();
            assertThat(plan(figures)).containsPattern("Seq Scan on exam_metric_count[^\\n]*\\(never executed\\)");
            // none since: published, and read
            assertThat(jdbc.queryForObject("select mart.exam_marts_publish_counts(?)", Boolean.class, changes + 1)).isTrue();
            assertThat(jdbc.queryForList(figures, String.class)).isEqualTo(fresh);
            assertThat(plan(figures)).contains("exam_metric_count")
                    .containsPattern("Seq Scan on exam_record[^\\n]*\\(never executed\\)");
            assertThat(jdbc.queryForObject("select mart.exam_marts_publish_counts(?)", Boolean.class, changes + 1))
                    .as("nothing left to publish").isNull();
            for (String layer : List.of("mart.exam_metric_count", "mart.pass_years_count")) {
                assertThat(jdbc.queryForObject("select missing + extra from mart.verify_exam_marts() where layer = ?",
                        Long.class, layer)).as(layer).isZero();
            }
            // the evidence still reads the reference, the sittings being stale
            assertThat(plan("select count(*) from core.exam_sitting"))
                    .containsPattern(" on exam_sitting[^\\n]*\\(never executed\\)");
            // an import committing now marks them stale again (its trigger's refresh, called here by hand)
            jdbc.queryForObject("select mart.refresh_exam_import(max(id)) is null from ops.import", Boolean.class);
            assertThat(jdbc.queryForObject("select counts_stale from mart.exam_state", Boolean.class)).isTrue();
            assertThat(plan(figures)).containsPattern("Seq Scan on exam_metric_count[^\\n]*\\(never executed\\)");
            s.setRollbackOnly();
        });
    }

    /**
     * The imports a step made say as many duplicate rows as the rule gives, read from the rows: the
     * repeats within the import, and the contents another live import holds (for a test-centre row,
     * the current version of another import). Nothing has changed since the step's commit.
     */
    private void assertDuplicatesCountedByTheRule(long lastImport, String after) {
        List<Map<String, Object>> made = jdbc.queryForList("""
                select i.id, i.rows_duplicate,
                       (select count(*) - count(distinct content_hash) filter (where db_id is null)
                               - count(distinct (db_id, content_hash)) filter (where db_id is not null)
                        from core.exam_record where import_id = i.id)
                     + (select count(distinct s.content_hash) from core.exam_record s
                        where s.import_id = i.id and s.db_id is null
                          and s.content_hash in (select r.content_hash from mart_ref.exam_record_current r
                                                 where r.import_id <> i.id and r.db_id is null))
                     + (select count(distinct (s.db_id, s.content_hash)) from core.exam_record s
                        where s.import_id = i.id and s.db_id is not null
                          and (s.db_id, s.content_hash) in (
                              select distinct on (r.db_id) r.db_id, r.content_hash
                              from core.exam_record r join ops.import o on o.id = r.import_id
                              where ops.is_live(o.status) and r.db_id is not null and r.import_id <> i.id
                              order by r.db_id, r.db_updated_at desc, r.import_id desc, r.line_no desc)) as rule
                from ops.import i
                where i.id > ? and i.source = 'exams' and ops.is_live(i.status)""", lastImport);
        for (Map<String, Object> i : made) {
            assertThat(((Number) i.get("rows_duplicate")).longValue()).as("duplicates of import %s after %s", i.get("id"), after)
                    .isEqualTo(((Number) i.get("rule")).longValue());
        }
    }

    /**
     * The count of rows another import holds reads the maintained members while the marts are fresh
     * and the rows while they are stale: both give the same for every import of the sequences.
     */
    private void theDuplicateCountReadsTheSameFromTheMartsAsFromTheRows() {
        String across = Sql.resource("sql/exams/count-duplicates-across.sql");
        List<Long> imports = jdbc.queryForList("select id from ops.import where source = 'exams' and ops.is_live(status)", Long.class);
        tx.executeWithoutResult(s -> {
            List<Long> fresh = new ArrayList<>();
            for (long id : imports) {
                fresh.add(jdbc.queryForObject(across, Long.class, id, id, id, id, id, id, id, id, id));
            }
            assertThat(executedScans(plan(across.replace("?", String.valueOf(imports.get(0)))), "exam_member")).isNotEmpty();
            jdbc.update("update mart.exam_state set stale = true, counts_stale = true"); // rolled back below
            List<Long> stale = new ArrayList<>();
            for (long id : imports) {
                stale.add(jdbc.queryForObject(across, Long.class, id, id, id, id, id, id, id, id, id));
            }
            assertThat(executedScans(plan(across.replace("?", String.valueOf(imports.get(0)))), "exam_member")).isEmpty();
            assertThat(stale).isEqualTo(fresh).anySatisfy(n -> assertThat(n).isPositive());
            s.setRollbackOnly();
        });
    }

    /** The lines of a plan that scanned the table. */
    private static List<String> executedScans(String plan, String table) {
        Pattern scan = Pattern.compile(" on " + table + "\\b");
        return plan.lines().filter(l -> scan.matcher(l).find() && !l.contains("never executed")).toList();
    }

    private String plan(String query) {
        return String.join("\n", jdbc.queryForList("explain (analyze, costs off) " + query, String.class));
    }

    private String randomStep(Random rnd) throws Exception {
        return randomStep(rnd, true);
    }

    private String randomStep(Random rnd, boolean largeToo) throws Exception {
        // one step in four counts as a large import: the marts go stale and the marts-rebuild route rebuilds them
        jdbc.update("update mart.exam_state set bulk_rows = ?", largeToo && rnd.nextInt(4) == 0 ? 2 : 100_000);
        int pick = rnd.nextInt(10);
        if (pick <= 2 || delivered.isEmpty()) {
            StringBuilder csv = new StringBuilder(PROMETRIC);
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                csv.append(row(rnd, rnd.nextInt(4) > 0));
            }
            return dropFile("exams/prometric/p" + (++files) + ".csv", csv.toString(), n + " Prometric rows");
        }
        if (pick == 3) {
            StringBuilder csv = new StringBuilder(CERTIPORT);
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                LocalDate d = DATES[rnd.nextInt(DATES.length)];
                int score = 500 + rnd.nextInt(400);
                csv.append("S1;G1;c").append(rnd.nextInt(5)).append(";\"NAME, X\";;MOS;")
                        .append(CERTIPORT_CODES[rnd.nextInt(CERTIPORT_CODES.length)]).append(";Exam;")
                        .append(d).append(" 09:00:00;").append(score).append(";700;")
                        .append(score >= 700 ? "PASS" : "FAIL").append('\n');
            }
            return dropFile("exams/certiport/c" + (++files) + ".csv", csv.toString(), n + " Certiport rows");
        }
        if (pick == 4) {
            String again = delivered.get(rnd.nextInt(delivered.size()));
            String path = again.startsWith(CERTIPORT) ? "exams/certiport/again" : "exams/prometric/again";
            if (rnd.nextBoolean() || again.startsWith(CERTIPORT)) {
                return dropFile(path + (++files) + ".csv", again, "a file delivered again");
            }
            // an export overlapping an earlier one: its rows again, and one more
            return dropFile(path + (++files) + ".csv", again + row(rnd, rnd.nextBoolean()), "an overlapping export");
        }
        if (pick == 5) {
            return steps.reimport(rnd);
        }
        if (pick == 6) {
            return steps.withdraw(rnd);
        }
        if (pick == 7) {
            return steps.countAgain(rnd);
        }
        // the test centre: new rows and later versions of earlier ones, then a pull
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (dbIds > 0 && rnd.nextBoolean()) {
                long id = 1 + rnd.nextInt(dbIds);
                int score = 500 + rnd.nextInt(400);
                centre.update("""
                        update exam_result set score = ?, result = ?, exam_date = ?, registration_id = ?,
                            updated_at = clock_timestamp() where id = ?""",
                        score, score >= 700 ? "Pass" : "Fail", DATES[rnd.nextInt(DATES.length)],
                        rnd.nextBoolean() ? "R" + rnd.nextInt(12) : null, id);
            } else {
                int c = rnd.nextInt(6);
                int score = 500 + rnd.nextInt(400);
                centre.update("insert into exam_result values (?, 'prometric', ?, ?, 'L', 'F', ?, ?, ?, ?, ?, 700, ?, clock_timestamp())",
                        (long) ++dbIds, rnd.nextBoolean() ? "R" + rnd.nextInt(12) : null, "C" + c,
                        c % 2 == 0 ? "p" + c + "@example.org" : null, CODES[rnd.nextInt(CODES.length)],
                        DATES[rnd.nextInt(DATES.length)], rnd.nextInt(5) == 0 ? "No Show" : "Delivered", score,
                        score >= 700 ? "Pass" : "Fail");
            }
        }
        pull.pull("ADMIN");
        return n + " test-centre rows inserted or updated, pulled";
    }

    private static String row(Random rnd, boolean registered) {
        int c = rnd.nextInt(6);
        LocalDate d = DATES[rnd.nextInt(DATES.length)];
        boolean delivered = rnd.nextInt(6) > 0;
        int score = 500 + rnd.nextInt(400);
        return String.format("MIC01,%s,C%d,L,F,%s,%s,Title,%02d/%02d/%d,%s,%s,700,%s%n",
                registered ? "R" + rnd.nextInt(12) : "", c, c % 2 == 0 ? "p" + c + "@example.org" : "",
                CODES[rnd.nextInt(CODES.length)], d.getMonthValue(), d.getDayOfMonth(), d.getYear(),
                delivered ? "Delivered" : "No Show", delivered ? score : "", delivered ? (score >= 700 ? "Pass" : "Fail") : "");
    }

    private String dropFile(String path, String content, String what) throws Exception {
        int before = jdbc.queryForObject("select count(*) from ops.import where status <> 'RUNNING'", Integer.class);
        drop(path, content, StandardCharsets.UTF_8);
        delivered.add(content);
        awaitImports(before + 1);
        return what + " (" + path + ")";
    }

    private void assertEqualToReference(String after) {
        await().atMost(WAIT).until(() -> !marts.stale());
        // persons passing in 2011-2012 by their years with a pass: the distinct count it replaces
        assertThat(jdbc.queryForObject("""
                select coalesce(sum(persons), 0) from mart.persons_by_pass_years
                where years & (mart.pass_year_bit('2011-06-01') | mart.pass_year_bit('2012-06-01')) <> 0""", Long.class))
                .as("persons passing in 2011-2012 after %s", after)
                .isEqualTo(jdbc.queryForObject("""
                        select count(distinct person_hash) from mart_ref.exam_sitting
                        where passed and extract(year from exam_date) between 2011 and 2012""", Long.class));
        for (MartMaintenance.Layer layer : marts.verify()) {
            assertThat(layer.equal()).as("%s after %s", layer, after).isTrue();
        }
    }

    private String snapshot() {
        return String.join("\n", jdbc.queryForList("""
                select t::text from (select 'm' || x::text as t from mart.exam_member x
                    union all select 's' || x::text from mart.exam_sitting x
                    union all select 'f' || x::text from mart.exam_first_pass x
                    union all select 'p' || x::text from mart.person_first_pass x
                    union all select 'c' || x::text from mart.exam_metric_count x
                    union all select 'y' || x::text from mart.person_pass_years x
                    union all select 'n' || x::text from mart.pass_years_count x) t order by 1""", String.class));
    }

    private HttpResponse<String> post(String credentials, String path) throws Exception {
        return send(credentials, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> get(String credentials, String path) throws Exception {
        return send(credentials, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private static HttpResponse<String> send(String credentials, HttpRequest.Builder b) throws Exception {
        b.timeout(Duration.ofSeconds(60));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
