package be.micmons.warehouse.report;

import be.micmons.warehouse.console.ConsoleQueries;
import be.micmons.warehouse.console.PhaseFigures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The phase report for the Region: one line per metric for the phase and per year, value against
 * target; and the counted items (evidence) behind them, streamed from the warehouse.
 */
@Component
public class PhaseReport {
    private final PhaseFigures figures;
    private final MessageSource messages;
    private final JdbcTemplate jdbc;

    public PhaseReport(PhaseFigures figures, MessageSource messages, JdbcTemplate jdbc) {
        this.figures = figures;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /** year null = the whole phase. */
    public record Line(String phase, String metric, String label, Integer year, BigDecimal value, BigDecimal target,
                       boolean proRata, Integer percent, boolean shortfall) {
    }

    public record Item(String metric, int year, String item, String source, String partner, String fileName,
                       Long importId, Long lineNo) {
    }

    public List<Line> lines(ConsoleQueries.Phase phase, Locale locale) {
        List<Line> out = new ArrayList<>();
        for (PhaseFigures.Metric m : figures.of(phase)) {
            String label = label(m.metric(), locale);
            out.add(new Line(phase.phase(), m.metric(), label, null, m.value(), m.target(), false, m.percent(),
                    m.shortfall()));
            for (PhaseFigures.Year y : m.years()) {
                out.add(new Line(phase.phase(), m.metric(), label, y.year(), y.value(), y.target(), y.proRata(),
                        y.percent(), y.shortfall()));
            }
        }
        return out;
    }

    /** Streams the counted items of the metric (all metrics when null) in the years, without holding them all. */
    public void items(String metric, int from, int to, Consumer<Item> sink) {
        jdbc.query("""
                select e.metric, e.year, e.item, e.source, e.partner, e.file_name, e.import_id, e.line_no
                from mart.evidence e join ops.metric m on m.name = e.metric
                where (?::text is null or e.metric = ?) and e.year between ? and ?
                order by m.ord, e.year, e.item, e.import_id, e.line_no""",
                (RowCallbackHandler) rs -> sink.accept(new Item(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, Long.class),
                        rs.getObject(8, Long.class))),
                metric, metric, from, to);
    }

    public String label(String metric, Locale locale) {
        return messages.getMessage("metric." + metric, null, metric, locale);
    }

    public String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    public String textOf(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
