package be.micmons.warehouse.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One phase's figures as the dashboard and the report show them: per metric the phase value against
 * its target, and per year the value against the yearly target. A phase with only a phase target gets
 * a pro-rata yearly reference (target / years), flagged as such, so a slow year still shows.
 */
@Component
public class PhaseFigures {
    private final ConsoleQueries queries;

    public PhaseFigures(ConsoleQueries queries) {
        this.queries = queries;
    }

    public record Year(int year, BigDecimal value, BigDecimal target, boolean proRata, Integer percent,
                       boolean shortfall) {
    }

    public record Metric(String metric, BigDecimal value, BigDecimal target, Integer percent, boolean shortfall,
                         List<Year> years) {
        public boolean hasTarget() {
            return target != null;
        }
    }

    public List<Metric> of(ConsoleQueries.Phase phase) {
        int years = phase.yearTo() - phase.yearFrom() + 1;
        Map<String, List<Map<String, Object>>> byMetric = new LinkedHashMap<>();
        for (Map<String, Object> r : queries.yearly(phase.phase())) {
            byMetric.computeIfAbsent((String) r.get("metric"), k -> new ArrayList<>()).add(r);
        }
        List<Metric> out = new ArrayList<>();
        for (Map<String, Object> t : queries.phaseTotals(phase.phase())) {
            String metric = (String) t.get("metric");
            BigDecimal value = num(t.get("value"));
            BigDecimal target = num(t.get("target"));
            List<Year> ys = new ArrayList<>();
            for (Map<String, Object> y : byMetric.getOrDefault(metric, List.of())) {
                BigDecimal v = num(y.get("value"));
                BigDecimal yt = num(y.get("target"));
                boolean proRata = false;
                if (yt == null && target != null) {
                    yt = target.divide(BigDecimal.valueOf(years), new MathContext(6, RoundingMode.HALF_UP));
                    proRata = true;
                }
                ys.add(new Year(((Number) y.get("year")).intValue(), v, yt, proRata, percent(v, yt),
                        yt != null && v.compareTo(yt) < 0));
            }
            out.add(new Metric(metric, value, target, percent(value, target),
                    target != null && value.compareTo(target) < 0, ys));
        }
        return out;
    }

    /** Whole percent reached, rounded down: 100 % only when the target is met. */
    public static Integer percent(BigDecimal value, BigDecimal target) {
        if (value == null || target == null || target.signum() == 0) {
            return null;
        }
        return value.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.DOWN).intValue();
    }

    private static BigDecimal num(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }
}
