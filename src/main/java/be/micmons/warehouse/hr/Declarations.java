package be.micmons.warehouse.hr;

import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.normalize.DateNormalizer;
import be.micmons.warehouse.normalize.EnterpriseNumber;
import be.micmons.warehouse.normalize.Text;
import be.micmons.warehouse.privacy.PersonHasher;
import be.micmons.warehouse.warehouse.CopyWriter;
import be.micmons.warehouse.warehouse.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * HR declarations (DESIGN §5.4) from any channel, checked and normalized the same way, then staged
 * with COPY and merged set-based: {@link #openStage}, {@link #stage} per row, {@link #merge}.
 * Workers are kept only as {@link PersonHasher} hashes of their 11-digit NISS.
 */
@Component
public class Declarations {
    public static final String DECLARATION_ID = "declaration_id";
    public static final String ACTION = "action";
    public static final String EMPLOYER_EN = "employer_enterprise_number";
    public static final String EMPLOYER_NAME = "employer_name";
    public static final String WORKER_NISS = "worker_niss";
    public static final String CONTRACT_TYPE = "contract_type";
    public static final String FTE = "fte";
    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";
    public static final String JOB_TITLE = "job_title";
    public static final String DECLARED_AT = "declared_at";
    public static final List<String> FIELDS = List.of(DECLARATION_ID, ACTION, EMPLOYER_EN, EMPLOYER_NAME, WORKER_NISS,
            CONTRACT_TYPE, FTE, START_DATE, END_DATE, JOB_TITLE, DECLARED_AT);

    private static final Set<String> ACTIONS = Set.of("IN", "UPDATE", "OUT", "CANCEL");
    private static final Set<String> CONTRACT_TYPES = Set.of("CDI", "CDD", "STUDENT", "INTERIM", "FLEXI");
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final DateNormalizer DATES = new DateNormalizer(List.of("dd/MM/yyyy", "d/M/yyyy"));

    private final PersonHasher hasher;

    public Declarations(PersonHasher hasher) {
        this.hasher = hasher;
    }

    /** A staging session on the import's connection: the temp table lives until the commit. */
    public Stage openStage(Connection c) throws SQLException {
        Sql.run(c, "create temp table stage_hr_event on commit drop as table core.hr_event with no data");
        return new Stage(new CopyWriter(c, "COPY stage_hr_event (import_id, line_no, declaration_id, action, declared_at,"
                + " employer_en, employer_raw, employer_name, worker_hash, contract_type, fte, start_date, end_date,"
                + " job_title) FROM STDIN"));
    }

    /** The COPY into the staging table; {@link #close()} cancels it when the load did not finish. */
    public static final class Stage implements AutoCloseable {
        private final CopyWriter copy;
        private Instant maxDeclaredAt;

        Stage(CopyWriter copy) {
            this.copy = copy;
        }

        /** The latest declared_at seen on any row, loaded or not (the pull's next cursor). */
        public Instant maxDeclaredAt() {
            return maxDeclaredAt;
        }

        void seen(Instant declaredAt) {
            if (maxDeclaredAt == null || declaredAt.isAfter(maxDeclaredAt)) {
                maxDeclaredAt = declaredAt;
            }
        }

        public void finish() throws Exception {
            copy.finish();
        }

        @Override
        public void close() throws Exception {
            copy.close();
        }
    }

    /** Outcome of a merge: rows newly loaded and rows already delivered. */
    public record Merged(long loaded, long duplicates) {}

    /** Keeps every staged row with its lineage; counts the re-delivered ones. Call after {@link Stage#finish()}. */
    public Merged merge(Connection c) throws SQLException {
        long duplicates = Sql.count(c, Sql.resource("sql/hr/count-duplicates.sql"));
        long inserted = Sql.update(c, Sql.resource("sql/hr/insert-events.sql"));
        return new Merged(inserted - duplicates, duplicates);
    }

    /**
     * Checks one declaration and stages it, or records why not.
     *
     * @param field raw value of a field by its name in {@link #FIELDS}; null or blank = absent
     * @param label how a field is named to the operator (the CSV header, or the JSON key)
     * @return true when staged
     */
    public boolean stage(Stage stage, long importId, long lineNo, Function<String, String> field,
                         Function<String, String> label, RejectSink rejects) {
        String declarationId = upper(field.apply(DECLARATION_ID));
        String action = upper(field.apply(ACTION));
        String declaredRaw = Text.clean(field.apply(DECLARED_AT));
        Instant declaredAt = declaredRaw == null ? null : instant(declaredRaw);
        if (declaredAt != null) {
            stage.seen(declaredAt);
        }
        boolean ok = true;
        List<Runnable> warnings = new ArrayList<>(2);
        if (declarationId == null) {
            rejects.error(lineNo, label.apply(DECLARATION_ID), "MISSING_DECLARATION_ID",
                    "The declaration id is empty; the declaration was not loaded.");
            ok = false;
        }
        if (action == null || !ACTIONS.contains(action)) {
            rejects.error(lineNo, label.apply(ACTION), "INVALID_ACTION", (action == null ? "The action is empty"
                    : "" + be.micmons.warehouse.privacy.Redaction.quote(field.apply(ACTION).strip()) + " is not an action") + " (IN, UPDATE, OUT or CANCEL); the declaration was not loaded.");
            ok = false;
        }
        if (declaredAt == null) {
            rejects.error(lineNo, label.apply(DECLARED_AT), "INVALID_DECLARED_AT", (declaredRaw == null
                    ? "declared_at is empty" : be.micmons.warehouse.privacy.Redaction.quote(declaredRaw) + " is not an ISO-8601 date-time")
                    + "; events are ordered and identified by it, so the declaration was not loaded.");
            ok = false;
        }
        boolean opening = "IN".equals(action) || "UPDATE".equals(action);

        String nissRaw = Text.clean(field.apply(WORKER_NISS));
        String workerHash = null;
        if (nissRaw != null) {
            String niss = Niss.normalize(nissRaw).orElse(null);
            if (niss == null) {
                // the number itself is never repeated in the warehouse
                rejects.error(lineNo, label.apply(WORKER_NISS), "INVALID_NISS",
                        "The worker's NISS is not a valid national number (11 digits with mod-97 check digits);"
                                + " the declaration was not loaded.");
                ok = false;
            } else {
                workerHash = hasher.hash(niss);
            }
        } else if (opening) {
            rejects.error(lineNo, label.apply(WORKER_NISS), "MISSING_NISS",
                    "The worker's NISS is empty; an " + action + " needs it, the declaration was not loaded.");
            ok = false;
        }

        String contractType = upper(field.apply(CONTRACT_TYPE));
        if (contractType != null && !CONTRACT_TYPES.contains(contractType)) {
            if (opening) {
                rejects.error(lineNo, label.apply(CONTRACT_TYPE), "INVALID_CONTRACT_TYPE", be.micmons.warehouse.privacy.Redaction.quote(contractType)
                        + " is not a contract type (CDI, CDD, STUDENT, INTERIM, FLEXI); the declaration was not loaded.");
                ok = false;
            }
            contractType = null;
        } else if (contractType == null && opening) {
            rejects.error(lineNo, label.apply(CONTRACT_TYPE), "MISSING_CONTRACT_TYPE",
                    "The contract type is empty; an " + action + " needs it, the declaration was not loaded.");
            ok = false;
        }

        String startRaw = Text.clean(field.apply(START_DATE));
        LocalDate start = startRaw == null ? null : DATES.parse(startRaw).orElse(null);
        if (opening && start == null) {
            rejects.error(lineNo, label.apply(START_DATE), startRaw == null ? "MISSING_START_DATE" : "INVALID_START_DATE",
                    (startRaw == null ? "The start date is empty" : be.micmons.warehouse.privacy.Redaction.quote(startRaw) + " is not a date (dd/MM/yyyy or yyyy-MM-dd)")
                            + "; an " + action + " needs it, the declaration was not loaded.");
            ok = false;
        }
        String endRaw = Text.clean(field.apply(END_DATE));
        LocalDate end = endRaw == null ? null : DATES.parse(endRaw).orElse(null);
        if ("OUT".equals(action) && end == null) {
            rejects.error(lineNo, label.apply(END_DATE), endRaw == null ? "MISSING_END_DATE" : "INVALID_END_DATE",
                    (endRaw == null ? "The end date is empty" : be.micmons.warehouse.privacy.Redaction.quote(endRaw) + " is not a date (dd/MM/yyyy or yyyy-MM-dd)")
                            + "; an OUT sets the end date, the declaration was not loaded.");
            ok = false;
        } else if (endRaw != null && end == null) {
            warnings.add(() -> rejects.warning(lineNo, label.apply(END_DATE), "INVALID_END_DATE",
                    be.micmons.warehouse.privacy.Redaction.quote(endRaw) + " is not a date (dd/MM/yyyy or yyyy-MM-dd); the declaration was loaded without an end date."));
        } else if (end != null && start != null && end.isBefore(start)) {
            warnings.add(() -> rejects.warning(lineNo, label.apply(END_DATE), "END_BEFORE_START",
                    "The end date " + end + " is before the start date " + start + "; loaded as declared."));
        }

        String fteRaw = Text.clean(field.apply(FTE));
        BigDecimal fte = null;
        if (fteRaw != null) {
            fte = decimal(fteRaw);
            if (fte == null || fte.signum() < 0) {
                if (opening) {
                    rejects.error(lineNo, label.apply(FTE), "INVALID_FTE", be.micmons.warehouse.privacy.Redaction.quote(fteRaw)
                            + " is not a full-time equivalent (a number such as 0,8 or 1); the declaration was not loaded.");
                    ok = false;
                }
                fte = null;
            } else if (fte.compareTo(BigDecimal.ONE) > 0) {
                warnings.add(() -> rejects.warning(lineNo, label.apply(FTE), "FTE_ABOVE_ONE", "The FTE " + be.micmons.warehouse.privacy.Redaction.quote(fteRaw)
                        + " is above 1 (a full-time job); loaded as declared."));
            }
        } else if (opening && ("CDI".equals(contractType) || "CDD".equals(contractType))) {
            warnings.add(() -> rejects.warning(lineNo, label.apply(FTE), "MISSING_FTE",
                    "The FTE is empty; the contract was loaded and counts as a job with no FTE."));
        }

        if (!ok) {
            return false;
        }
        warnings.forEach(Runnable::run); // only for rows that are loaded
        String enRaw = Text.clean(field.apply(EMPLOYER_EN));
        String en = null;
        if (enRaw != null) {
            en = EnterpriseNumber.normalize(enRaw).orElse(null);
            if (en == null) {
                rejects.warning(lineNo, label.apply(EMPLOYER_EN), "INVALID_ENTERPRISE_NUMBER", be.micmons.warehouse.privacy.Redaction.quote(enRaw)
                        + " is not a valid enterprise number (10 digits starting with 0 or 1, mod-97 check); the declaration"
                        + " was loaded but its job cannot be attributed to a start-up (see mart.unattributed_job).");
            }
        } else if (opening) {
            rejects.warning(lineNo, label.apply(EMPLOYER_EN), "MISSING_ENTERPRISE_NUMBER",
                    "The employer's enterprise number is empty; the declaration was loaded but its job cannot be"
                            + " attributed to a start-up (see mart.unattributed_job).");
        }
        stage.copy.row(importId, lineNo, declarationId, action, declaredAt.toString(), en, enRaw,
                Text.clean(field.apply(EMPLOYER_NAME)), workerHash, contractType,
                fte == null ? null : fte.toPlainString(), start, end, Text.clean(field.apply(JOB_TITLE)));
        return true;
    }

    /** An API item (a JSON object) at its position in the pull or file. */
    public boolean stageItem(Stage stage, long importId, long position, JsonNode item, RejectSink rejects) {
        if (item == null || !item.isObject()) {
            rejects.error(position, null, "INVALID_ITEM", "Item " + position + " is not a JSON object; it was not loaded.");
            return false;
        }
        return stage(stage, importId, position, f -> ApiPage.text(item, f), f -> f, rejects);
    }

    private static String upper(String raw) {
        String s = Text.clean(raw);
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** ISO-8601 with an offset or Z; without one, the time is Brussels time; a bare date is its midnight. */
    static Instant instant(String s) {
        String t = s.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(t).atZone(BRUSSELS).toInstant();
        } catch (DateTimeParseException e) {
            // no time
        }
        try {
            return LocalDate.parse(t).atStartOfDay(BRUSSELS).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** 0,8 or 0.8; null when not a number. */
    static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.replace(',', '.').replace(" ", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
