package be.micmons.warehouse.exams;

import be.micmons.warehouse.normalize.Text;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** Statuses and results of DESIGN §6: a sitting passes iff Delivered and Pass (or, without a result, score >= passing score). */
public final class ExamOutcome {
    public static final String DELIVERED = "Delivered";
    public static final String NO_SHOW = "No Show";
    public static final String CANCELLED = "Cancelled";
    public static final String DELIVERY_FAILED = "Delivery Failed";

    private static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("delivered", DELIVERED), Map.entry("noshow", NO_SHOW), Map.entry("cancelled", CANCELLED),
            Map.entry("canceled", CANCELLED), Map.entry("deliveryfailed", DELIVERY_FAILED));
    private static final Map<String, Boolean> RESULTS = Map.ofEntries(
            Map.entry("pass", true), Map.entry("passed", true), Map.entry("p", true), Map.entry("reussi", true),
            Map.entry("1", true), Map.entry("true", true),
            Map.entry("fail", false), Map.entry("failed", false), Map.entry("f", false), Map.entry("echoue", false),
            Map.entry("echec", false), Map.entry("0", false), Map.entry("false", false));

    private ExamOutcome() {
    }

    /** The canonical status, or empty when the text is not in the export vocabulary. */
    public static Optional<String> status(String raw) {
        return Optional.ofNullable(STATUSES.get(letters(raw)));
    }

    /** TRUE for a Pass-like result, FALSE for a Fail-like one, empty when blank or unknown. */
    public static Optional<Boolean> result(String raw) {
        return Optional.ofNullable(RESULTS.get(letters(raw)));
    }

    /** A score such as {@code 700}, {@code 82.5}, {@code 82,5} or {@code 82%}; empty when not a number. */
    public static Optional<BigDecimal> score(String raw) {
        String s = Text.clean(raw);
        if (s == null) {
            return Optional.empty();
        }
        s = s.replace("%", "").replace(',', '.').strip();
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String letters(String raw) {
        return Text.matchKey(raw).replaceAll("[^a-z0-9]", "");
    }
}
