package be.micmons.warehouse.exams;

import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.normalize.Text;
import be.micmons.warehouse.privacy.PersonHasher;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one raw exam row (export line or test-centre row) into an {@link ExamSitting} (DESIGN §6),
 * telling problems to the import's reject sink: a row that cannot be dated, coded or tied to a
 * candidate is an ERROR (not loaded); everything else is loaded, with WARNINGs where worth telling.
 * Reject messages never quote an e-mail, a name or a candidate id.
 */
final class ExamRowNormalizer {

    /** The logical fields of an exam row, whatever the source calls them. */
    enum Field { PROVIDER, REGISTRATION_ID, CANDIDATE_REF, EMAIL, EXAM_CODE, EXAM_TITLE, DATE, STATUS, SCORE,
        PASSING_SCORE, RESULT }

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("N/?A|NULL|NONE|UNKNOWN|[-?.*_]+|0+");

    private final PersonHasher.Session hasher;
    private final RejectSink rejects;
    private final Function<Field, String> fieldName;
    private final Function<String, Optional<LocalDate>> dates;
    private final String dateFormatsText;
    /** Provider -> the status of its rows whose status is empty, null = a warning (a layout's defaults.status). */
    private final Function<String, String> statusWhenMissing;
    // exam codes, dates, statuses and results repeat a lot: normalize each spelling once per import
    private final Map<String, Optional<String>> codes = new HashMap<>();
    private final Map<String, Optional<LocalDate>> dateCache = new HashMap<>();
    private final Map<String, Optional<String>> statuses = new HashMap<>();
    private final Map<String, Optional<Boolean>> results = new HashMap<>();
    private final Map<String, Optional<BigDecimal>> scores = new HashMap<>();

    /**
     * @param fieldName how the source names a field, for reject rows
     * @param dates the source's date parser
     * @param dateFormatsText the accepted date forms, in words, for reject messages
     */
    ExamRowNormalizer(PersonHasher hasher, RejectSink rejects, Function<Field, String> fieldName,
                      Function<String, Optional<LocalDate>> dates, String dateFormatsText) {
        this(hasher, rejects, fieldName, dates, dateFormatsText,
                p -> "certiport".equals(p) ? ExamOutcome.DELIVERED : null); // Certiport lists delivered sittings only
    }

    /** @param statusWhenMissing provider -> the status of a row with none, or null (then a warning) */
    ExamRowNormalizer(PersonHasher hasher, RejectSink rejects, Function<Field, String> fieldName,
                      Function<String, Optional<LocalDate>> dates, String dateFormatsText,
                      Function<String, String> statusWhenMissing) {
        this.statusWhenMissing = statusWhenMissing;
        this.hasher = hasher.session();
        this.rejects = rejects;
        this.fieldName = fieldName;
        this.dates = dates;
        this.dateFormatsText = dateFormatsText;
    }

    /** The provider id of a provider name as spelled by a source, or empty. */
    static Optional<String> provider(String raw) {
        String k = Text.matchKey(raw).replaceAll("[^a-z]", "");
        if (k.equals("prometric")) {
            return Optional.of("prometric");
        }
        if (k.equals("pearsonvue") || k.equals("pearson") || k.equals("vue")) {
            return Optional.of("pearson-vue");
        }
        if (k.equals("certiport")) {
            return Optional.of("certiport");
        }
        return Optional.empty();
    }

    /**
     * @param raw values indexed by {@link Field#ordinal()} (null when absent)
     * @return the sitting, or null when the row is rejected
     */
    ExamSitting normalize(long line, String provider, String[] raw, Long dbId, OffsetDateTime updatedAt) {
        boolean ok = true;
        if (provider == null) {
            rejects.error(line, name(Field.PROVIDER), "UNKNOWN_PROVIDER", "The provider " + quote(Text.clean(raw[Field.PROVIDER.ordinal()]))
                    + " is not prometric, pearson-vue or certiport; the row was not loaded.");
            ok = false;
        }
        String candidate = identifier(raw[Field.CANDIDATE_REF.ordinal()]);
        String registration = identifier(raw[Field.REGISTRATION_ID.ordinal()]);
        String email = null;
        if (candidate == null) {
            // a registration id still identifies the sitting and an e-mail the person; lacking either, drop the row
            email = email(line, raw[Field.EMAIL.ordinal()]);
            if (registration == null || email == null) {
                rejects.error(line, name(Field.CANDIDATE_REF), "MISSING_CANDIDATE", "The candidate id is empty and the row has no "
                        + (registration == null ? "registration id" : "e-mail") + " to stand in; the sitting cannot be"
                        + " identified and was not loaded.");
                ok = false;
            }
        }
        String rawCode = raw[Field.EXAM_CODE.ordinal()];
        String code = rawCode == null ? null : cached(codes, rawCode, ExamCode::normalize).orElse(null);
        if (code == null) {
            rejects.error(line, name(Field.EXAM_CODE), "MISSING_EXAM_CODE", "The exam code is empty; the row was not loaded.");
            ok = false;
        }
        String rawDate = clean(raw[Field.DATE.ordinal()]);
        LocalDate date = rawDate == null ? null : cached(dateCache, rawDate, dates).orElse(null);
        if (date == null) {
            rejects.error(line, name(Field.DATE), rawDate == null ? "MISSING_DATE" : "INVALID_DATE",
                    (rawDate == null ? "The exam date is empty" : quote(rawDate) + " is not a date in " + dateFormatsText)
                            + "; the row was not loaded.");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        String status = status(line, provider, raw[Field.STATUS.ordinal()]);
        BigDecimal score = score(line, Field.SCORE, raw);
        BigDecimal passing = score(line, Field.PASSING_SCORE, raw);
        String rawResult = clean(raw[Field.RESULT.ordinal()]);
        Boolean result = rawResult == null ? null : cached(results, rawResult, ExamOutcome::result).orElse(null);
        if (rawResult != null && result == null) {
            rejects.warning(line, name(Field.RESULT), "UNKNOWN_RESULT", quote(rawResult)
                    + " is not a result (Pass, Fail, P, Réussi, 1, true ...); the score decides whether the sitting passed.");
        }
        Boolean byScore = score != null && passing != null ? score.compareTo(passing) >= 0 : null;
        boolean delivered = ExamOutcome.DELIVERED.equals(status);
        boolean passed;
        if (result != null) {
            passed = delivered && result;
            if (byScore != null && !byScore.equals(result)) {
                rejects.warning(line, name(Field.RESULT), "RESULT_CONTRADICTS_SCORE", "The result says "
                        + (result ? "Pass" : "Fail") + " but the score " + score.toPlainString() + " is "
                        + (byScore ? "at or above" : "below") + " the passing score " + passing.toPlainString()
                        + "; the result was kept.");
            }
        } else {
            passed = delivered && Boolean.TRUE.equals(byScore);
            if (delivered && byScore == null) {
                rejects.warning(line, name(Field.RESULT), "NO_RESULT",
                        "A delivered sitting without a result and without a score and passing score to compare;"
                                + " it is not counted as passed.");
            }
        }
        if (candidate == null) {
            candidate = "REGISTRATION " + registration; // only keys the sitting: the e-mail is the person
        } else {
            email = email(line, raw[Field.EMAIL.ordinal()]);
        }
        byte[] candidateHash = hash(provider + ":" + candidate);
        byte[] personHash = email != null ? hash(email) : candidateHash;
        return new ExamSitting(provider, registration, candidateHash, personHash, code,
                clean(raw[Field.EXAM_TITLE.ordinal()]), date, status, score, passing,
                result == null ? null : (result ? "PASS" : "FAIL"), passed, dbId, updatedAt);
    }

    private String status(long line, String provider, String rawStatus) {
        String s = clean(rawStatus);
        if (s == null) {
            String byDefault = statusWhenMissing.apply(provider);
            if (byDefault != null) {
                return byDefault;
            }
            rejects.warning(line, name(Field.STATUS), "MISSING_STATUS",
                    "The exam status is empty; the sitting was loaded but is not counted as passed.");
            return "Unknown";
        }
        return cached(statuses, s, ExamOutcome::status).orElseGet(() -> {
            rejects.warning(line, name(Field.STATUS), "UNKNOWN_STATUS", quote(s)
                    + " is not Delivered, No Show, Cancelled or Delivery Failed; the sitting was loaded as 'Other' and is not counted as passed.");
            return "Other"; // the delivered text stays out of the facts: a shifted value may be personal
        });
    }

    private BigDecimal score(long line, Field field, String[] raw) {
        String s = clean(raw[field.ordinal()]);
        if (s == null) {
            return null;
        }
        return cached(scores, s, ExamOutcome::score).orElseGet(() -> {
            rejects.warning(line, name(field), "INVALID_SCORE", quote(s) + " is not a number; it was ignored.");
            return null;
        });
    }

    private String email(long line, String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.indexOf('@') <= 0 || s.indexOf('@') == s.length() - 1 || s.indexOf(' ') >= 0) {
            rejects.warning(line, name(Field.EMAIL), "INVALID_EMAIL",
                    "The e-mail is not an address; the person is identified by provider and candidate id.");
            return null;
        }
        return s;
    }

    /** A delivered value for a message: never an e-mail, never long (a shifted row may hold personal data). */
    static String quote(String value) {
        if (value == null) {
            return "(empty)";
        }
        return be.micmons.warehouse.privacy.Redaction.quote(value.length() > 40 ? value.substring(0, 40) + "..." : value);
    }

    // persons rarely repeat within an export: a cache costs more than the HMAC it would save
    private byte[] hash(String id) {
        return hasher.bytes(id);
    }

    private static <T> T cached(Map<String, T> cache, String key, Function<String, T> compute) {
        T v = cache.get(key);
        if (v == null) {
            if (cache.size() > 50_000) {
                cache.clear();
            }
            v = compute.apply(key);
            cache.put(key, v);
        }
        return v;
    }

    /** No placeholder holds a digit other than 0: most ids are told apart without the regex. */
    private static boolean hasDigitOneToNine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** {@link Text#clean}, without its regex for the usual value that needs no cleaning. */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        int n = raw.length();
        if (n == 0) {
            return null;
        }
        boolean plain = raw.charAt(0) > ' ' && raw.charAt(n - 1) > ' ';
        for (int i = 0; plain && i < n; i++) {
            char c = raw.charAt(i);
            if (c < ' ' || c == '\u00a0' || (c == ' ' && raw.charAt(i + 1) == ' ') || Character.isWhitespace(c) && c != ' ') {
                plain = false;
            }
        }
        return plain ? raw : Text.clean(raw);
    }

    private String name(Field f) {
        return fieldName.apply(f);
    }

    /**
     * A registration or candidate id: trimmed, upper case; placeholders such as {@code N/A}, {@code -}
     * or {@code 0} are no id (taken as one, they would merge every sitting that carries them).
     */
    static String identifier(String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        s = s.toUpperCase(Locale.ROOT);
        return !hasDigitOneToNine(s) && PLACEHOLDER.matcher(s).matches() ? null : s;
    }
}
