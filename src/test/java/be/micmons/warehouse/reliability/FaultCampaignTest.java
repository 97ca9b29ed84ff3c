package be.micmons.warehouse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.hr.HrApiServer;
import be.micmons.warehouse.intake.Archive;
import be.micmons.warehouse.intake.ArchiveRetention;
import be.micmons.warehouse.support.CertiportExports;
import be.micmons.warehouse.support.PrometricExports;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fault campaign (issue 17): two instances of the app, in JVMs of their own, share one PostgreSQL,
 * one inbox and one archive; a few hundred small exam exports, partner files and HR files arrive in
 * waves while the HR API (a real HTTP server here) serves new declarations and a nightly schedule
 * fires every 10 s on both. A seeded random schedule kills one instance or the other with SIGKILL
 * a dozen times (mid-import, mid-nightly run, while it starts, or at once) and starts it again, and crashes
 * PostgreSQL once ({@code pg_ctl stop -m immediate}) in the middle. At the end every file has
 * exactly one committed outcome (its cut attempts FAILED with their reason), nothing is RUNNING,
 * every archived file is referenced, the nightly firings ran once each, both instances are UP, and
 * the figures equal those of a fault-free run of the same files (one instance, its own PostgreSQL)
 * and the numbers the files were written to give.
 *
 * <p>The seed is printed; {@code -Dmic.campaign.seed=<seed>} replays the same files and schedule
 * (the timings of a loaded machine still differ). A failure names the file, its ledger rows and the
 * campaign steps its attempts overlapped.
 */
class FaultCampaignTest {
    static final long SEED = Long.getLong("mic.campaign.seed", new SecureRandom().nextLong());
    static final int WAVES = 6;
    static final int KILLS = 12;
    static final int PROMETRIC = 90;
    static final int PEARSON = 45;
    static final int CERTIPORT = 45;
    static final int PARTNER = 50;
    static final int HR_CSV = 10;
    static final int HR_API_ITEMS = 48;
    static final int COPIES = 5;
    static final int CANDIDATES = 120;
    static final String SITE = "fc-site";
    /** A nightly schedule firing every 10 s on every instance: each firing must run once. */
    static final String CRON = "0/10 * * * * ?";
    static final Duration LONG = Duration.ofMinutes(3);
    /** How long after writing an archived copy its import commits, at most, on a busy machine. */
    static final Duration COMMIT_WINDOW = Duration.ofSeconds(2);
    /** The reasons a good file's attempt may have been cut with (a kill, the warehouse crash). */
    static final Pattern CUT = Pattern.compile("stopped before it finished|warehouse unavailable"
            + "|warehouse connection was lost");

    static Path root;
    static Path files;
    static ProcessWarehouse faulted;
    static ProcessWarehouse cleanWarehouse;
    static ProcessWarehouse.Db db;
    static ProcessWarehouse.Db cleanDb;
    static HrApiServer hrApi;
    static final List<AppProcess> started = new CopyOnWriteArrayList<>();
    static final List<Step> steps = new CopyOnWriteArrayList<>();

    /** One file of the campaign: where it is dropped, what it holds, what it must end as. */
    record Drop(String rel, Path content, String source, String partner, String name, int wave, int rows,
                boolean bad, String copyOf) {}

    /** What the campaign did, when (for the failure report). */
    record Step(Instant at, String what) {
        @Override
        public String toString() {
            return at + " " + what;
        }
    }

    /** The two faulted instances, by slot; a killed one is replaced by a new process in its slot. */
    final AppProcess[] apps = new AppProcess[2];
    final int[] generation = new int[2];
    Path inbox;
    Path archive;
    Path cleanInbox;
    Path partners;

    @AfterAll
    static void stopEverything() throws Exception {
        for (AppProcess p : started) {
            if (p.isAlive()) {
                p.kill(); // only the processes this test started
            }
        }
        if (hrApi != null) {
            hrApi.close();
        }
        for (ProcessWarehouse w : new ProcessWarehouse[] {faulted, cleanWarehouse}) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    // already stopped
                }
                deleteTree(w.dataDir);
            }
        }
        if (root != null) {
            System.out.println("FaultCampaignTest: logs in " + root.resolve("logs"));
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void twoInstancesADozenKillsAndAWarehouseCrashLoseNothingAndCountNothingTwice() throws Exception {
        long t0 = System.nanoTime();
        System.out.println("FaultCampaignTest seed=" + SEED + " (replay: -Dmic.campaign.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        root = Files.createTempDirectory("mic-campaign-");
        files = root.resolve("files");
        inbox = root.resolve("inbox");
        archive = root.resolve("archive");
        cleanInbox = root.resolve("clean-inbox");
        partners = root.resolve("partners");
        Inbox.partnerSite(partners, SITE);

        hrApi = new HrApiServer(10);
        Corpus corpus = corpus(rnd);
        faulted = new ProcessWarehouse(root.resolve("pg"));
        faulted.createDatabase("campaign");
        db = faulted.db("campaign");
        cleanWarehouse = new ProcessWarehouse(root.resolve("pg-clean"));
        cleanWarehouse.createDatabase("clean");
        cleanDb = cleanWarehouse.db("clean");

        // the fault-free run: one instance, its own PostgreSQL, the same files and API at the same time
        AppProcess clean = AppProcess.start("clean", root.resolve("logs"), settings(cleanWarehouse.url("clean"), cleanInbox,
                root.resolve("clean-archive")));
        started.add(clean);
        startSlot(0); // Flyway's lock lets one of them migrate the new warehouse
        startSlot(1);
        awaitSlot(0);
        awaitSlot(1);
        clean.awaitHealthy(LONG);
        step("instances up: " + apps[0].name + " (pid " + apps[0].pid() + "), " + apps[1].name + " (pid "
                + apps[1].pid() + "); fault-free instance clean (pid " + clean.pid() + ")");

        Plan plan = plan(rnd);
        int dropped = 0;
        int kills = 0;
        for (int w = 0; w < WAVES; w++) {
            int current = w;
            List<Drop> wave = corpus.drops.stream().filter(d -> d.wave() == current).collect(Collectors.toList());
            Collections.shuffle(wave, rnd);
            List<String[]> items = corpus.apiItems.get(w);
            for (String[] item : items) {
                hrApi.serveIn(item[0], item[1], item[2], item[3], item[4], item[5]);
            }
            for (Drop d : wave) {
                Inbox.drop(inbox, d.rel(), d.content());
                Inbox.drop(cleanInbox, d.rel(), d.content());
            }
            dropped += wave.size();
            step("wave " + (w + 1) + "/" + WAVES + ": " + wave.size() + " files dropped, " + items.size()
                    + " more declarations served by the HR API");
            for (Fault f : plan.faults.get(w)) {
                if (f.target() < 0) {
                    crashWarehouse();
                } else {
                    kill(f, ++kills);
                }
            }
            if (w < WAVES - 1) {
                // the next wave arrives once part of this one is in (whoever is up takes it)
                int inSoFar = dropped;
                int target = dropped - (int) (wave.size() * (0.2 + 0.6 * rnd.nextDouble()));
                await("wave " + (w + 1) + ": " + target + " files out of the inbox").atMost(LONG)
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> inSoFar - Inbox.waiting(inbox).size() >= target);
            }
        }
        Instant lastServed = Instant.now();
        step("all waves in; the schedule is over; waiting for both runs to settle");
        Instant faultsOver = Instant.now();

        // --- the end state: both runs settle (inbox empty, nothing running, a pull after the last item)
        for (int s = 0; s < 2; s++) {
            awaitSlot(s);
        }
        List<String> problems = new ArrayList<>();
        settle(db, inbox, lastServed, "the faulted run", problems);
        settle(cleanDb, cleanInbox, lastServed, "the fault-free run", problems);
        step("both runs settled");

        checkFiles(corpus, problems);
        checkNothingRunning(problems);
        checkArchive(problems);
        checkNightly(faultsOver, problems);
        checkFigures(corpus, problems);
        for (int s = 0; s < 2; s++) {
            AppProcess app = apps[s];
            if (app.healthStatus() != 200 || !app.health().contains("\"UP\"")) {
                problems.add("instance " + app.name + " is not healthy at the end: " + app.health());
            }
        }
        verifyMarts(apps[0], problems);

        Map<String, Object> ledger = db.rows("""
                select count(*) filter (where sha256 is not null) as file_imports,
                       count(*) filter (where status = 'FAILED' and message ~ ?) as cut_attempts,
                       count(*) filter (where status = 'DUPLICATE') as duplicates,
                       count(*) filter (where sha256 is null) as pulls
                from ops.import""", CUT.pattern()).get(0);
        long nightly = db.count("select count(*) from ops.nightly_run");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        String summary = "FaultCampaignTest seed=" + SEED + " files=" + corpus.drops.size() + " api_items="
                + HR_API_ITEMS + " kills=" + plan.kills.size() + " pg_immediate_restarts=1 ledger=" + ledger
                + " nightly_runs=" + nightly + " duration_s=" + seconds;
        System.out.println(summary);
        Files.writeString(root.resolve("logs/summary.txt"), summary + "\n" + steps.stream().map(Step::toString)
                .collect(Collectors.joining("\n")) + "\n");
        assertThat(problems).as("seed %d (replay: -Dmic.campaign.seed=%d); logs in %s; steps:%n%s", SEED, SEED,
                root.resolve("logs"), steps.stream().map(Step::toString).collect(Collectors.joining("\n"))).isEmpty();
    }

    // ------------------------------------------------------------------ the corpus

    /** Every file of the campaign, and the HR API items served in each wave. */
    record Corpus(List<Drop> drops, List<List<String[]>> apiItems, long examRows, Set<Integer> startups) {}

    private Corpus corpus(Random rnd) throws IOException {
        List<Drop> drops = new ArrayList<>();
        int[] sitting = new int[1];
        long examRows = 0;
        for (String provider : List.of("prometric", "pearson-vue", "certiport")) {
            int n = provider.equals("prometric") ? PROMETRIC : provider.equals("pearson-vue") ? PEARSON : CERTIPORT;
            for (int i = 0; i < n; i++) {
                int rows = 1 + rnd.nextInt(6);
                int year = 2012 + rnd.nextInt(3);
                String name = provider + "-" + i + ".csv";
                Path file = Files.createDirectories(files.resolve("exams").resolve(provider)).resolve(name);
                if (provider.equals("certiport")) {
                    CertiportExports.write(file, sitting[0], rows, year, CANDIDATES);
                } else {
                    PrometricExports.write(file, sitting[0], rows, year, CANDIDATES);
                }
                sitting[0] += rows;
                examRows += rows;
                drops.add(new Drop("exams/" + provider + "/" + name, file, "exams", provider, name,
                        rnd.nextInt(WAVES), rows, false, null));
            }
        }
        // start-ups: mostly new ones, some sent again in another file (one start-up, counted once)
        Map<Integer, Integer> founded = new LinkedHashMap<>();
        for (int i = 0; i < PARTNER; i++) {
            StringBuilder csv = new StringBuilder(Inbox.PARTNER_HEADER);
            int lines = 1 + rnd.nextInt(3);
            for (int l = 0; l < lines; l++) {
                int number = !founded.isEmpty() && rnd.nextInt(5) == 0
                        ? new ArrayList<>(founded.keySet()).get(rnd.nextInt(founded.size())) : founded.size();
                founded.putIfAbsent(number, 2012 + rnd.nextInt(3));
                csv.append(Inbox.partnerLine(number, founded.get(number)));
            }
            drops.add(write("incubators/" + SITE + "/startups-" + i + ".csv", csv.toString(), "incubators", SITE,
                    rnd.nextInt(WAVES), lines, false));
        }
        List<Integer> employers = new ArrayList<>(founded.keySet());
        // HR: declarations in declared_at order across the waves (the API's cursor moves forward)
        OffsetDateTime declared = OffsetDateTime.of(2014, 6, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        List<List<String[]>> api = new ArrayList<>();
        int decl = 0;
        for (int w = 0; w < WAVES; w++) {
            List<String[]> items = new ArrayList<>();
            for (int k = 0; k < HR_API_ITEMS / WAVES; k++) {
                declared = declared.plusHours(1);
                items.add(declaration(rnd, decl++, employers, declared));
            }
            api.add(items);
        }
        for (int i = 0; i < HR_CSV; i++) {
            StringBuilder csv = new StringBuilder(HrApiServer.CSV_HEADER).append('\n');
            int lines = 1 + rnd.nextInt(4);
            for (int l = 0; l < lines; l++) {
                String[] d = rnd.nextInt(4) == 0
                        ? api.get(rnd.nextInt(WAVES)).get(0) // also served by the API: one event, counted once
                        : declaration(rnd, decl++, employers, declared.plusMinutes(1 + rnd.nextInt(600)));
                csv.append(HrApiServer.csvIn(d[0], d[1], d[2], d[3], d[4], d[5]));
            }
            drops.add(write("hr/declarations-" + i + ".csv", csv.toString(), "hr", null, rnd.nextInt(WAVES), lines, false));
        }
        // refused files: each must end FAILED with its own reason, in .failed/
        drops.add(write("exams/prometric/refused-empty.csv", "", "exams", "prometric", rnd.nextInt(WAVES), 0, true));
        drops.add(write("exams/certiport/refused-header-only.csv", "\uFEFF" + CertiportExports.HEADER, "exams",
                "certiport", rnd.nextInt(WAVES), 0, true));
        drops.add(write("incubators/" + SITE + "/refused-nul.csv", Inbox.PARTNER_HEADER + "Nul\0 Company;;;7000\n",
                "incubators", SITE, rnd.nextInt(WAVES), 0, true));
        // exact copies under other names, in a wave no earlier than their original: DUPLICATE
        List<Drop> good = drops.stream().filter(d -> !d.bad()).toList();
        for (int i = 0; i < COPIES; i++) {
            Drop original = good.get(rnd.nextInt(good.size()));
            String name = "copy-" + i + "-of-" + original.name();
            String rel = original.rel().substring(0, original.rel().length() - original.name().length()) + name;
            Path copy = files.resolve(rel);
            Files.createDirectories(copy.getParent());
            Files.copy(original.content(), copy);
            drops.add(new Drop(rel, copy, original.source(), original.partner(), name,
                    original.wave() + rnd.nextInt(WAVES - original.wave()), original.rows(), false, original.name()));
        }
        return new Corpus(drops, api, examRows, founded.keySet());
    }

    /** An IN of a CDI at one of the start-ups: id, employer, NISS, FTE, start, declared_at. */
    private static String[] declaration(Random rnd, int k, List<Integer> employers, OffsetDateTime declaredAt) {
        String employer = Inbox.enterpriseNumber(employers.get(rnd.nextInt(employers.size())));
        LocalDate start = LocalDate.of(2012 + rnd.nextInt(3), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        return new String[] {"FC-" + k, employer, HrApiServer.niss("850730", 1 + k), rnd.nextBoolean() ? "1" : "0.5",
                start.toString(), declaredAt.toString()};
    }

    private Drop write(String rel, String content, String source, String partner, int wave, int rows, boolean bad)
            throws IOException {
        Path file = files.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new Drop(rel, file, source, partner, file.getFileName().toString(), wave, rows, bad, null);
    }

    // ------------------------------------------------------------------ the fault schedule

    /** A kill (target slot 0 or 1, kind) or the warehouse crash (target -1). */
    record Fault(int target, String kind) {}

    record Plan(List<List<Fault>> faults, List<Fault> kills) {}

    private static Plan plan(Random rnd) {
        List<List<Fault>> byWave = new ArrayList<>();
        List<Fault> kills = new ArrayList<>();
        for (int w = 0; w < WAVES; w++) {
            byWave.add(new ArrayList<>());
        }
        for (int k = 0; k < KILLS; k++) {
            int r = rnd.nextInt(10);
            Fault f = new Fault(rnd.nextInt(2), r < 5 ? "mid-import" : r < 7 ? "mid-nightly" : r < 9 ? "while starting" : "at once");
            kills.add(f);
            byWave.get(k * WAVES / KILLS).add(f);
        }
        List<Fault> middle = byWave.get(WAVES / 2);
        middle.add(rnd.nextInt(middle.size() + 1), new Fault(-1, "immediate"));
        return new Plan(byWave, kills);
    }

    private List<String> settings(String url, Path inboxDir, Path archiveDir) {
        List<String> s = new ArrayList<>(AppProcess.settings(url, inboxDir, archiveDir, partners, CRON));
        s.add("mic.hr-api.url=" + hrApi.url());
        s.add("mic.hr-api.token=" + hrApi.token());
        s.add("mic.hr-api.retry-backoff=200ms");
        return s;
    }

    private void startSlot(int slot) throws IOException {
        String name = (slot == 0 ? "a" : "b") + generation[slot]++;
        AppProcess p = AppProcess.start(name, root.resolve("logs"), settings(faulted.url("campaign"), inbox, archive));
        started.add(p);
        apps[slot] = p;
    }

    private void awaitSlot(int slot) {
        apps[slot].awaitHealthy(LONG);
    }

    private void kill(Fault f, int number) throws Exception {
        int slot = f.target();
        String note = "";
        if (f.kind().equals("while starting")) {
            if (apps[slot].healthStatus() == 200 && apps[1 - slot].healthStatus() != 200) {
                slot = 1 - slot;
            }
        } else {
            if (apps[slot].healthStatus() != 200 && apps[1 - slot].healthStatus() == 200) {
                note = " (" + apps[slot].name + " was still starting)";
                slot = 1 - slot;
            }
            awaitSlot(slot); // a killed instance is started again; the next kill of that slot waits for it
        }
        AppProcess target = apps[slot];
        String pid = Long.toString(target.pid());
        String during = "";
        try {
            if (f.kind().equals("mid-import")) {
                during = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> db.rows("""
                        select 'during import ' || id || ' (' || coalesce(file_name, '?') || ')' as w from ops.import
                        where status = 'RUNNING' and split_part(node, ':', 2) = ? order by id limit 1""", pid)
                        .stream().map(m -> (String) m.get("w")).findFirst().orElse(""), s -> !s.isEmpty());
            } else if (f.kind().equals("mid-nightly")) {
                during = await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(20)).until(() -> db.rows("""
                        select 'during nightly run ' || id || ' (' || scheduled_for || ')' as w from ops.nightly_run
                        where status = 'RUNNING' and split_part(node, ':', 2) = ? order by id limit 1""", pid)
                        .stream().map(m -> (String) m.get("w")).findFirst().orElse(""), s -> !s.isEmpty());
            }
        } catch (ConditionTimeoutException e) {
            during = "(no " + f.kind().substring(4) + " work of its own came in time)";
        }
        if (f.kind().equals("while starting")) {
            during = target.healthStatus() == 200 ? "(it was already up)" : "(before it was up)";
        }
        target.kill();
        step("kill " + number + "/" + KILLS + " (" + f.kind() + "): SIGKILL " + target.name + " (pid " + pid + ") "
                + during + note);
        startSlot(slot);
        step("started " + apps[slot].name + " in its place (pid " + apps[slot].pid() + ")");
    }

    /** PostgreSQL stopped in immediate mode mid-import, kept away until the instances say DOWN, started again. */
    private void crashWarehouse() throws Exception {
        for (int s = 0; s < 2; s++) {
            awaitSlot(s); // an instance starting while the warehouse is away would give up starting
        }
        String during;
        try {
            during = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> db.rows(
                    "select 'during import ' || id || ' (' || file_name || ')' as w from ops.import where status = 'RUNNING'"
                            + " order by id limit 1").stream().map(m -> (String) m.get("w")).findFirst().orElse(""),
                    s -> !s.isEmpty());
        } catch (ConditionTimeoutException e) {
            during = "(no import running)";
        }
        faulted.stopImmediately();
        step("PostgreSQL stopped in immediate mode " + during);
        for (int s = 0; s < 2; s++) {
            AppProcess app = apps[s];
            await(app.name + " DOWN while the warehouse is away").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(250)).until(() -> app.healthStatus() == 503);
        }
        faulted.start();
        step("PostgreSQL started again (crash recovery), both instances had said DOWN");
    }

    private static void step(String what) {
        Step s = new Step(Instant.now(), what);
        steps.add(s);
        System.out.println("FaultCampaignTest " + s);
    }

    // ------------------------------------------------------------------ the end state

    /** The inbox is empty, nothing is RUNNING, and an HR pull that started after the last item loaded. */
    private static void settle(ProcessWarehouse.Db on, Path inboxDir, Instant lastServed, String run,
                               List<String> problems) {
        try {
            await(run + " settles: inbox empty, nothing RUNNING, an HR pull after the last declaration served")
                .atMost(LONG).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                        Inbox.waiting(inboxDir).isEmpty()
                                && on.count("""
                                select (select count(*) from ops.import where status = 'RUNNING')
                                     + (select count(*) from ops.pull_run where status = 'RUNNING')
                                     + (select count(*) from ops.nightly_run where status = 'RUNNING')""") == 0
                                && on.count("""
                                select count(*) from ops.import where source = 'hr' and sha256 is null
                                  and status in ('LOADED', 'LOADED_WITH_REJECTS') and started_at > ?""",
                                Timestamp.from(lastServed)) > 0);
        } catch (ConditionTimeoutException e) {
            problems.add(run + " did not settle: " + e.getMessage());
        }
    }

    /** Every file: exactly one committed outcome; every other attempt FAILED with the reason it was cut. */
    private void checkFiles(Corpus corpus, List<String> problems) throws IOException {
        Map<String, List<Map<String, Object>>> byFile = db.rows("""
                select id, source, coalesce(partner, '') as partner, file_name, sha256, status, message, rows_read,
                       started_at, finished_at, node, archive_path
                from ops.import where sha256 is not null order by id""").stream()
                .collect(Collectors.groupingBy(r -> r.get("source") + "/" + r.get("partner") + "/" + r.get("file_name"),
                        LinkedHashMap::new, Collectors.toList()));
        Map<String, Integer> liveByContent = new HashMap<>();
        Set<String> known = new HashSet<>();
        for (Drop d : corpus.drops()) {
            String key = d.source() + "/" + (d.partner() == null ? "" : d.partner()) + "/" + d.name();
            known.add(key);
            List<Map<String, Object>> rows = byFile.getOrDefault(key, List.of());
            List<Map<String, Object>> outcomes = rows.stream().filter(r -> List.of("LOADED", "LOADED_WITH_REJECTS",
                    "DUPLICATE").contains(r.get("status"))).toList();
            List<Map<String, Object>> failed = rows.stream().filter(r -> "FAILED".equals(r.get("status"))).toList();
            if (d.bad()) {
                Path failedCopy = inbox.resolve(d.rel()).resolveSibling(".failed").resolve(d.name());
                boolean refused = failed.stream().anyMatch(r -> r.get("message") != null && !CUT.matcher((String) r.get("message")).find());
                if (!outcomes.isEmpty() || !refused || !Files.exists(failedCopy)
                        || !Files.exists(failedCopy.resolveSibling(d.name() + ".errors.txt"))) {
                    problems.add(fileProblem(d, "a refused file must end FAILED with its reason and be in .failed/ with"
                            + " its .errors.txt", rows));
                }
                continue;
            }
            if (outcomes.size() != 1) {
                problems.add(fileProblem(d, outcomes.size() + " committed outcomes (LOADED, LOADED_WITH_REJECTS or"
                        + " DUPLICATE) instead of exactly one", rows));
            }
            for (Map<String, Object> r : failed) {
                String message = (String) r.get("message");
                if (message == null || !CUT.matcher(message).find()) {
                    problems.add(fileProblem(d, "import " + r.get("id") + " FAILED without being cut by a fault: "
                            + message, rows));
                }
            }
            for (Map<String, Object> r : outcomes) {
                if (!"DUPLICATE".equals(r.get("status"))) {
                    liveByContent.merge(d.source() + "/" + r.get("sha256"), 1, Integer::sum);
                    if (((Number) r.get("rows_read")).longValue() != d.rows()) {
                        problems.add(fileProblem(d, "import " + r.get("id") + " read " + r.get("rows_read")
                                + " rows, the file has " + d.rows(), rows));
                    }
                }
            }
            if (rows.stream().anyMatch(r -> "RUNNING".equals(r.get("status")))) {
                problems.add(fileProblem(d, "an import is still RUNNING", rows));
            }
        }
        // the same content (a file and its copies) is live once, whichever name came first
        for (Drop d : corpus.drops()) {
            if (!d.bad()) {
                String content = d.source() + "/" + Archive.sha256(d.content());
                int live = liveByContent.getOrDefault(content, 0);
                if (live != 1) {
                    problems.add(fileProblem(d, "its content is loaded by " + live + " live imports instead of one",
                            byFile.getOrDefault(d.source() + "/" + (d.partner() == null ? "" : d.partner()) + "/" + d.name(),
                                    List.of())));
                }
            }
        }
        byFile.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> problems.add("ledger rows for a file the campaign never dropped: " + k + " " + byFile.get(k)));
        List<Path> left = Inbox.waiting(inbox);
        if (!left.isEmpty()) {
            problems.add("files left in the inbox: " + left);
        }
    }

    private static String fileProblem(Drop d, String what, List<Map<String, Object>> rows) {
        Instant from = rows.stream().map(r -> ((Timestamp) r.get("started_at")).toInstant()).min(Instant::compareTo)
                .orElse(Instant.MIN);
        Instant to = rows.stream().map(r -> r.get("finished_at") == null ? Instant.now()
                : ((Timestamp) r.get("finished_at")).toInstant()).max(Instant::compareTo).orElse(Instant.MAX);
        List<String> during = steps.stream().filter(s -> !s.at().isBefore(from.minusSeconds(2)) && !s.at().isAfter(to.plusSeconds(2)))
                .map(Step::toString).toList();
        return "file " + d.rel() + " (dropped in wave " + (d.wave() + 1) + (d.copyOf() == null ? "" : ", a copy of "
                + d.copyOf()) + "): " + what + "; its imports: " + rows.stream().map(r -> r.get("id") + " " + r.get("status")
                + " node " + r.get("node") + " " + r.get("started_at") + ".." + r.get("finished_at") + " '" + r.get("message") + "'")
                .toList() + "; steps during its attempts: " + during;
    }

    private static void checkNothingRunning(List<String> problems) {
        for (String table : List.of("ops.import", "ops.pull_run", "ops.nightly_run")) {
            List<Map<String, Object>> running = db.rows("select * from " + table + " where status = 'RUNNING'");
            if (!running.isEmpty()) {
                problems.add(table + " rows still RUNNING: " + running);
            }
        }
    }

    /**
     * Every file in the archive is the archived copy of an import, and every live import's copy is
     * intact. The one exception is a copy stored by an instance killed (or cut from the warehouse)
     * between storing it and its commit: an HR pull's retry may receive another answer, so no import
     * comes to name it. The nightly sweep removes such a copy once it is a day old; here it is aged
     * by two days and the sweep is run, which must remove it and nothing else.
     */
    private void checkArchive(List<String> problems) throws IOException {
        Set<String> referenced = new HashSet<>(db.query(j -> j.queryForList(
                "select archive_path from ops.import where archive_path is not null", String.class)));
        Archive kept = new Archive(archive, archive.resolveSibling("keys").resolve("archive.key"));
        List<Path> leftByAFault = new ArrayList<>();
        try (Stream<Path> s = Files.walk(archive)) {
            // work files (.part being encrypted, .restore for a re-import) are not archived files; one
            // left by a killed instance stays until it is a day old (Archive.STALE_WORK_FILE)
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".part")
                    && !p.getParent().getFileName().toString().equals(".restore")).toList()) {
                if (referenced.contains(p.toString())) {
                    continue;
                }
                Instant written = Files.getLastModifiedTime(p).toInstant();
                String what = archive.relativize(p) + " (" + Files.size(p) + " bytes, modified " + written + ")";
                Optional<Step> cut = steps.stream().filter(st -> (st.what().startsWith("kill ")
                        || st.what().startsWith("PostgreSQL stopped")) && !st.at().isBefore(written)
                        && st.at().isBefore(written.plus(COMMIT_WINDOW))).findFirst();
                if (cut.isPresent()) {
                    step("archived copy " + what + " is named by no import: stored just before " + cut.get().what());
                    leftByAFault.add(p);
                } else {
                    problems.add("archived file referenced by no import: " + what);
                }
            }
        }
        if (!leftByAFault.isEmpty()) {
            FileTime dayBeforeYesterday = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
            for (Path p : leftByAFault) {
                Files.setLastModifiedTime(p, dayBeforeYesterday);
            }
            String said = db.query(j -> new ArchiveRetention(kept, j,
                    new TransactionTemplate(new DataSourceTransactionManager(j.getDataSource())), "P10Y").sweep());
            step(said);
            leftByAFault.stream().filter(Files::exists).forEach(p -> problems.add(
                    "the archive sweep did not remove " + archive.relativize(p) + ", which no import names: " + said));
        }
        // the archive keeps files encrypted (DESIGN §16): decrypted, each is the file that was imported
        for (Map<String, Object> r : db.rows("""
                select id, source, file_name, sha256, archive_path from ops.import
                where status in ('LOADED', 'LOADED_WITH_REJECTS') and sha256 is not null""")) {
            if (r.get("archive_path") == null || !Files.isRegularFile(Path.of((String) r.get("archive_path")))
                    || !r.get("sha256").equals(decryptedSha256(kept, (String) r.get("source"), (String) r.get("sha256")))) {
                problems.add("import " + r.get("id") + " (" + r.get("file_name") + ") has no intact archived copy: "
                        + r.get("archive_path"));
            }
        }
    }

    /** Each firing ran once, on the schedule; the runs cut by a fault FAILED with that reason; the schedule outlived the faults. */
    private static void checkNightly(Instant faultsOver, List<String> problems) {
        List<Map<String, Object>> runs = db.rows("select * from ops.nightly_run order by scheduled_for");
        if (db.count("select count(*) - count(distinct scheduled_for) from ops.nightly_run") != 0) {
            problems.add("a nightly firing has several runs: " + runs);
        }
        for (Map<String, Object> r : runs) {
            Instant at = ((Timestamp) r.get("scheduled_for")).toInstant();
            if ("NIGHTLY".equals(r.get("trigger")) && at.getEpochSecond() % 10 != 0) {
                problems.add("nightly run " + r.get("id") + " serves " + at + ", which is no firing of " + CRON + ": " + r);
            }
            if ("FAILED".equals(r.get("status")) && (r.get("message") == null || !CUT.matcher((String) r.get("message")).find())) {
                problems.add("nightly run " + r.get("id") + " FAILED without being cut by a fault: " + r);
            }
        }
        List<Map<String, Object>> twice = db.rows("""
                select nightly_run_id, pull, count(*) as runs from ops.pull_run where nightly_run_id is not null
                group by 1, 2 having count(*) > 1""");
        if (!twice.isEmpty()) {
            problems.add("a nightly run ran a pull more than once: " + twice);
        }
        List<Map<String, Object>> withoutPull = db.rows("""
                select n.* from ops.nightly_run n where n.status = 'SUCCEEDED' and not exists (
                    select 1 from ops.pull_run p where p.nightly_run_id = n.id and p.pull = 'hr' and p.status = 'SUCCEEDED')""");
        if (!withoutPull.isEmpty()) {
            problems.add("nightly runs SUCCEEDED without their HR pull: " + withoutPull);
        }
        if (db.count("select count(*) from ops.nightly_run where status = 'SUCCEEDED' and scheduled_for > ?",
                Timestamp.from(faultsOver)) == 0) {
            problems.add("no nightly firing ran after the faults: " + runs);
        }
    }

    /** The faulted figures equal the fault-free run's, and the numbers the files were written to give. */
    private static void checkFigures(Corpus corpus, List<String> problems) {
        String kpis = "select phase, year, metric, value from mart.convention_kpi order by phase, year, metric";
        List<String> campaign = db.rows(kpis).stream().map(FaultCampaignTest::kpiRow).toList();
        List<String> reference = cleanDb.rows(kpis).stream().map(FaultCampaignTest::kpiRow).toList();
        if (!campaign.equals(reference)) {
            List<String> onlyCampaign = new ArrayList<>(campaign);
            onlyCampaign.removeAll(reference);
            List<String> onlyClean = new ArrayList<>(reference);
            onlyClean.removeAll(campaign);
            problems.add("mart.convention_kpi differs from the fault-free run: faulted " + onlyCampaign + ", fault-free "
                    + onlyClean);
        }
        long passed = db.count("select coalesce(sum(value), 0)::bigint from mart.convention_kpi where metric = 'exams_passed'");
        long startups = db.count("select coalesce(sum(value), 0)::bigint from mart.convention_kpi where metric = 'startups_created'");
        long jobs = db.count("select coalesce(sum(value), 0)::bigint from mart.convention_kpi where metric = 'jobs_created'");
        if (passed != corpus.examRows()) {
            problems.add("exams_passed over the years is " + passed + ", the exports hold " + corpus.examRows() + " passed sittings");
        }
        if (startups != corpus.startups().size()) {
            problems.add("startups_created over the years is " + startups + ", the partner files name "
                    + corpus.startups().size() + " start-ups");
        }
        if (jobs == 0) {
            problems.add("no job counted: the HR files and the HR API pull loaded nothing that counts");
        }
    }

    private static String kpiRow(Map<String, Object> r) {
        Object v = r.get("value");
        String value = v == null ? "null" : ((BigDecimal) v).stripTrailingZeros().toPlainString();
        return r.get("phase") + " " + r.get("year") + " " + r.get("metric") + "=" + value;
    }

    /**
     * The marts' own consistency check (issue 14: incremental marts equal the full recomputation), once
     * the build has it; until then the endpoint answers 404 and the check is skipped with a note.
     */
    private static void verifyMarts(AppProcess app, List<String> problems) throws IOException, InterruptedException {
        HttpResponse<String> r = app.postAsAdmin("/api/maintenance/verify-marts");
        if (r.statusCode() == 404) {
            System.out.println("FaultCampaignTest: POST /api/maintenance/verify-marts answers 404 (not in this build):"
                    + " the marts' consistency check is skipped");
            step("verify-marts: skipped (404, not in this build)");
            return;
        }
        step("verify-marts: " + r.statusCode() + " " + r.body());
        if (r.statusCode() / 100 != 2 || Pattern.compile("\"(consistent|equal|ok|matches)\"\\s*:\\s*false").matcher(r.body()).find()) {
            problems.add("POST /api/maintenance/verify-marts: the incremental marts differ from the full recomputation: "
                    + r.statusCode() + " " + r.body());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The SHA-256 of an archived file once decrypted; null when it cannot be read or fails its check. */
    private static String decryptedSha256(Archive archive, String source, String sha256) {
        try {
            return archive.copyOut(source, sha256, java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
