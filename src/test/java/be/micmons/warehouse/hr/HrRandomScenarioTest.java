package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.hr.HrFixtures.Decl;
import be.micmons.warehouse.normalize.EnterpriseNumber;
import be.micmons.warehouse.support.WarehouseTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random declarations (every action and contract type, UPDATEs that move employer and worker,
 * orphans, invalid NISS, unknown and invalid employers) delivered shuffled and overlapping over two
 * CSV files and the API: the warehouse's jobs and FTE per year equal a plain sequential replay of
 * the pinned rules, written here independently of the SQL.
 */
class HrRandomScenarioTest extends WarehouseTest {
    private static final List<String> TYPES = List.of("CDI", "CDD", "CDD", "CDI", "STUDENT", "INTERIM", "FLEXI");
    private static final Map<String, Integer> RANK = Map.of("IN", 0, "UPDATE", 1, "OUT", 2, "CANCEL", 3);

    @Autowired
    HrApiPull pull;
    @Autowired
    HrApiProperties configured;

    @Test
    void seed1() throws Exception {
        scenario(1);
    }

    @Test
    void seed2() throws Exception {
        scenario(2);
    }

    void scenario(long seed) throws Exception {
        Random rnd = new Random(seed);
        List<String> employers = List.of(HrCsvIntakeTest.A, HrCsvIntakeTest.B, HrCsvIntakeTest.UNKNOWN, HrCsvIntakeTest.BAD_EN);
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            workers.add(HrFixtures.niss(String.format("8%d%02d%02d", i % 10, 1 + i % 12, 1 + i % 28), 100 + i));
        }
        List<Decl> events = new ArrayList<>();
        List<Decl> invalid = new ArrayList<>();
        for (int n = 0; n < 150; n++) {
            String id = "R-" + seed + "-" + n;
            OffsetDateTime t = OffsetDateTime.of(2009, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(1))
                    .plusMinutes(rnd.nextInt(5 * 365 * 24 * 60));
            Decl in = random(rnd, id, "IN", employers, workers, t);
            if (rnd.nextInt(20) == 0) {
                invalid.add(new Decl(id, "IN", in.employer(), HrFixtures.invalid(in.niss()), in.type(), in.fte(),
                        in.start(), null, in.declaredAt()));
                continue;
            }
            events.add(in);
            if (rnd.nextInt(6) == 0) { // declared before its IN: never takes effect
                events.add(random(rnd, id, "UPDATE", employers, workers, t.minusDays(1 + rnd.nextInt(30))));
            }
            OffsetDateTime u = t;
            for (int k = rnd.nextInt(3); k > 0; k--) {
                u = u.plusDays(1 + rnd.nextInt(60)).plusMinutes(rnd.nextInt(600));
                Decl upd = random(rnd, id, "UPDATE", employers, workers, u);
                events.add(rnd.nextBoolean() ? upd : new Decl(id, "UPDATE", in.employer(), in.niss(), upd.type(),
                        upd.fte(), upd.start(), null, upd.declaredAt()));
            }
            if (rnd.nextInt(3) == 0) {
                events.add(HrFixtures.out(id, LocalDate.parse(in.start()).plusDays(30 + rnd.nextInt(400)).toString(),
                        t.plusDays(100 + rnd.nextInt(300)).toString()));
            }
            if (rnd.nextInt(7) == 0) {
                events.add(HrFixtures.cancel(id, t.plusDays(rnd.nextInt(200)).plusMinutes(1 + rnd.nextInt(60)).toString()));
            }
        }
        Map<String, BigDecimal[]> expected = replay(events);

        // deliver: each event by one channel, a fifth of them twice, everything shuffled
        List<Decl> csv1 = new ArrayList<>();
        List<Decl> csv2 = new ArrayList<>();
        List<Decl> api = new ArrayList<>();
        List<List<Decl>> channels = List.of(csv1, csv2, api);
        List<Decl> all = new ArrayList<>(events);
        all.addAll(invalid);
        for (Decl d : all) {
            int c = rnd.nextInt(3);
            channels.get(c).add(d);
            if (rnd.nextInt(5) == 0) {
                channels.get((c + 1 + rnd.nextInt(2)) % 3).add(d);
            }
        }
        channels.forEach(l -> Collections.shuffle(l, rnd));

        drop("hr/part-1.csv", HrFixtures.csv(csv1), StandardCharsets.UTF_8);
        awaitImports(1);
        try (HrApiStub stub = new HrApiStub()) {
            stub.pageSize = 7;
            stub.serve(api);
            pull.pull("ADMIN", configured.withEndpoint(stub.url(), stub.token));
        }
        drop("incubators/mons-mic/startups.csv", HrFixtures.startups(
                "Digital Wallonia Lab;" + HrCsvIntakeTest.A + ";12/03/2009",
                "Hainaut Cloud Services;" + HrCsvIntakeTest.B + ";02/06/2009"), StandardCharsets.UTF_8);
        drop("hr/part-2.csv", HrFixtures.csv(csv2), StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(4);
        assertThat(imports).extracting(m -> m.get("status")).doesNotContain("FAILED", "RUNNING");
        assertThat(jdbc.queryForObject("select sum(rows_rejected) from ops.import where source = 'hr'", Long.class))
                .isGreaterThanOrEqualTo(invalid.size());

        Map<String, BigDecimal[]> actual = new TreeMap<>();
        jdbc.query("select year, metric, value from mart.job_metric_by_year", rs -> {
            BigDecimal[] v = actual.computeIfAbsent(String.valueOf(rs.getInt(1)), y -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            v["jobs_created".equals(rs.getString(2)) ? 0 : 1] = rs.getBigDecimal(3);
        });
        assertThat(render(actual)).isEqualTo(render(expected));
        assertThat(expected).isNotEmpty();

        // the maintained contracts equal their reference, and follow any status change in its commit
        assertContractsEqualTheReference();
        String kept = contractsDigest();
        long first = jdbc.queryForObject("select min(id) from ops.import where source = 'hr'", Long.class);
        jdbc.update("update ops.import set status = 'WITHDRAWN' where id = ?", first);
        assertContractsEqualTheReference();
        assertThat(contractsDigest()).isNotEqualTo(kept);
        jdbc.update("update ops.import set status = 'LOADED' where id = ?", first);
        assertContractsEqualTheReference();
        assertThat(contractsDigest()).isEqualTo(kept);
    }

    private void assertContractsEqualTheReference() {
        assertThat(jdbc.queryForList("select missing || '/' || extra from mart.verify_marts() where layer = 'mart.hr_contract'",
                String.class)).containsExactly("0/0");
        assertThat(jdbc.queryForObject("select count(*) from mart.hr_contract", Long.class)).isPositive();
    }

    private String contractsDigest() {
        return jdbc.queryForObject("select md5(string_agg(c::text, ',' order by declaration_id)) from mart.hr_contract c",
                String.class);
    }

    private static Decl random(Random rnd, String id, String action, List<String> employers, List<String> workers,
                               OffsetDateTime at) {
        String type = TYPES.get(rnd.nextInt(TYPES.size()));
        String fte = List.of("1", "0.5", "0.8", "0.25", "1").get(rnd.nextInt(5));
        LocalDate start = at.toLocalDate().plusDays(rnd.nextInt(40));
        return new Decl(id, action, employers.get(rnd.nextInt(employers.size())), workers.get(rnd.nextInt(workers.size())),
                type, fte, start.toString(), null, at.toString());
    }

    /** The pinned rules as a plain replay: per declaration, events in declared_at order; then jobs. */
    private static Map<String, BigDecimal[]> replay(List<Decl> events) {
        Map<String, List<Decl>> byId = new LinkedHashMap<>();
        for (Decl d : events) {
            byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d);
        }
        record Contract(String id, Decl fields, OffsetDateTime openedAt) {}
        List<Contract> contracts = new ArrayList<>();
        for (List<Decl> list : byId.values()) {
            list.sort(Comparator.comparing((Decl d) -> OffsetDateTime.parse(d.declaredAt()).toInstant())
                    .thenComparing(d -> RANK.get(d.action())));
            Decl fields = null;
            boolean open = false;
            OffsetDateTime openedAt = null;
            for (Decl d : list) {
                switch (d.action()) {
                    case "IN" -> {
                        fields = d;
                        open = true;
                        if (openedAt == null) {
                            openedAt = OffsetDateTime.parse(d.declaredAt());
                        }
                    }
                    case "UPDATE" -> {
                        if (open) {
                            fields = d;
                        }
                    }
                    case "CANCEL" -> open = false;
                    default -> { } // OUT: only the end date, which no figure uses
                }
            }
            if (open) {
                contracts.add(new Contract(list.get(0).id(), fields, openedAt));
            }
        }
        Set<String> startups = Set.of(EnterpriseNumber.normalize(HrCsvIntakeTest.A).orElseThrow(),
                EnterpriseNumber.normalize(HrCsvIntakeTest.B).orElseThrow());
        Map<String, Contract> firstByJob = new HashMap<>();
        for (Contract c : contracts) {
            if (!Set.of("CDI", "CDD").contains(c.fields().type())) {
                continue;
            }
            String en = EnterpriseNumber.normalize(c.fields().employer()).orElse("raw:" + c.fields().employer());
            String key = en + "|" + c.fields().niss().replaceAll("\\D", "");
            firstByJob.merge(key, c, (a, b) -> Comparator.comparing((Contract x) -> LocalDate.parse(x.fields().start()))
                    .thenComparing(x -> x.openedAt().toInstant())
                    .thenComparing(Contract::id).compare(a, b) <= 0 ? a : b);
        }
        Map<String, BigDecimal[]> byYear = new TreeMap<>();
        firstByJob.forEach((key, c) -> {
            if (!startups.contains(key.substring(0, key.indexOf('|')))) {
                return;
            }
            BigDecimal[] v = byYear.computeIfAbsent(String.valueOf(LocalDate.parse(c.fields().start()).getYear()),
                    y -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            v[0] = v[0].add(BigDecimal.ONE);
            v[1] = v[1].add(new BigDecimal(c.fields().fte()));
        });
        return byYear;
    }

    private static String render(Map<String, BigDecimal[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((y, v) -> b.append(y).append(": ").append(v[0].stripTrailingZeros().toPlainString()).append(" jobs, ")
                .append(v[1].stripTrailingZeros().toPlainString()).append(" FTE\n"));
        return b.toString();
    }
}
