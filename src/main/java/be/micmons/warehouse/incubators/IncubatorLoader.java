package be.micmons.warehouse.incubators;

import be.micmons.warehouse.privacy.Redaction;
import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.intake.CsvFile;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.ImportJob;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.intake.SourceLoader;
import be.micmons.warehouse.layout.HeaderMatcher;
import be.micmons.warehouse.layout.SourceLayout;
import be.micmons.warehouse.layout.ValueMaps;
import be.micmons.warehouse.normalize.DateNormalizer;
import be.micmons.warehouse.normalize.EnterpriseNumber;
import be.micmons.warehouse.normalize.NameKey;
import be.micmons.warehouse.normalize.PostalCode;
import be.micmons.warehouse.normalize.Text;
import be.micmons.warehouse.warehouse.CopyWriter;
import be.micmons.warehouse.warehouse.Sql;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Partner CSV files to {@code core.startup_record}, driven by the partner's YAML layout (DESIGN §5.2). */
@Component
public class IncubatorLoader implements SourceLoader {
    private static final List<String> DEFAULT_DATE_FORMATS = List.of("dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy");

    private final PartnerRegistry partners;
    private final ReviewQueue reviewQueue;
    private final int maxLineChars;

    public IncubatorLoader(PartnerRegistry partners, ReviewQueue reviewQueue, MicProperties props) {
        this.partners = partners;
        this.reviewQueue = reviewQueue;
        this.maxLineChars = props.intake().maxLineChars();
    }

    @Override
    public String source() {
        return "incubators";
    }

    @Override
    public LoadResult load(ImportJob job) throws Exception {
        SourceLayout layout = partners.layout(job.partner());
        SourceLayout.Csv csv = layout.csvOrDefault();
        Charset charset = csv.charsetOr(StandardCharsets.UTF_8);
        char delimiter = csv.delimiterChar(';');
        int headerLine = csv.headerLineOrFirst();
        Pattern skip = csv.skipPattern();
        DateNormalizer dates = new DateNormalizer(csv.dateFormatsOr(DEFAULT_DATE_FORMATS));
        ValueMaps values = new ValueMaps(layout.values());
        Connection c = job.connection();
        RejectSink rejects = job.rejects();

        long read = 0;
        long loaded;
        // every row is kept with its lineage (identity: mart_ref.startup_member, kept at commit): COPY straight in
        try (CsvFile file = CsvFile.open(job.file(), charset, delimiter, headerLine, maxLineChars);
             CopyWriter copy = new CopyWriter(c, "COPY core.startup_record (import_id, line_no, partner, name, name_key,"
                     + " enterprise_number, legal_form, creation_date, postal_code, city, theme, programme,"
                     + " support_start, status, founders) FROM STDIN")) {
            Cols cols = Cols.of(layout, file.header(), file.headerLineNo(), job.fileName(), rejects);
            for (CsvFile.Row row = file.nextRow(); row != null; row = file.nextRow()) {
                if (row.isBlank() || (skip != null && skip.matcher(row.joined(delimiter)).find())) {
                    continue;
                }
                read++;
                job.progress().rowRead();
                long line = row.lineNo();
                String name = Text.clean(cols.raw(row, "name"));
                if (name == null) {
                    rejects.error(line, cols.header("name"), "MISSING_NAME",
                            "The company name is empty; the row was not loaded.");
                    continue;
                }
                String nameKey = NameKey.of(name);
                if (nameKey.isEmpty()) {
                    rejects.error(line, cols.header("name"), "MISSING_NAME",
                            "The company name '" + name + "' holds no letters or digits besides a legal form; the row was not loaded.");
                    continue;
                }
                String en = enterpriseNumber(cols, row, rejects);
                copy.row(job.importId(), line, job.partner(), name, nameKey, en,
                        values.map("legal_form", cols.text(row, "legal_form")),
                        date(cols, row, "creation_date", dates, rejects),
                        PostalCode.normalize(cols.raw(row, "postal_code")),
                        values.map("city", cols.text(row, "city")),
                        values.map("theme", cols.text(row, "theme")),
                        values.map("programme", cols.text(row, "programme")),
                        date(cols, row, "support_start", dates, rejects),
                        values.map("status", cols.text(row, "status")),
                        cols.text(row, "founders"));
            }
            if (read == 0) {
                throw new FileRejectedException("The file " + job.fileName() + " has a header but no data rows.");
            }
            loaded = copy.finish();
        }
        long duplicates = Sql.count(c, Sql.resource("sql/incubators/count-duplicates.sql"),
                job.importId(), job.importId(), job.partner(), job.importId());
        // this import's places only, under their own locks: imports of other places do not wait
        reviewQueue.refreshForImports(c, job.importId());
        return new LoadResult(read, loaded - duplicates, duplicates);
    }

    private static String enterpriseNumber(Cols cols, CsvFile.Row row, RejectSink rejects) {
        String raw = Text.clean(cols.raw(row, "enterprise_number"));
        if (raw == null) {
            return null;
        }
        return EnterpriseNumber.normalize(raw).orElseGet(() -> {
            rejects.warning(row.lineNo(), cols.header("enterprise_number"), "INVALID_ENTERPRISE_NUMBER",
                    Redaction.quote(raw) + " is not a valid enterprise number (10 digits starting with 0 or 1, mod-97 check);"
                            + " the start-up was loaded without it.");
            return null;
        });
    }

    private static LocalDate date(Cols cols, CsvFile.Row row, String field, DateNormalizer dates, RejectSink rejects) {
        String raw = Text.clean(cols.raw(row, field));
        if (raw == null) {
            return null;
        }
        return dates.parse(raw).orElseGet(() -> {
            rejects.warning(row.lineNo(), cols.header(field), "INVALID_DATE",
                    Redaction.quote(raw) + " is not a date in the partner's formats, ISO yyyy-MM-dd or an Excel serial number;"
                            + " the row was loaded without this date.");
            return null;
        });
    }

    /** The partner's columns in this file, by {@link HeaderMatcher}; a missing name column refuses the file. */
    record Cols(HeaderMatcher.Columns found) {
        static Cols of(SourceLayout layout, List<String> header, long headerLine, String fileName, RejectSink rejects)
                throws FileRejectedException {
            HeaderMatcher.Columns found = HeaderMatcher.match(layout, header);
            for (String field : layout.columns().keySet()) {
                if (found.has(field)) {
                    continue;
                }
                if ("name".equals(field)) {
                    throw new FileRejectedException("The required column for the company name was not found on line "
                            + headerLine + " of " + fileName + ". Expected one of " + found.expected(field)
                            + "; the columns found are " + HeaderMatcher.Columns.quoted(header.stream().map(Redaction::cell).toList())
                            + ". Check the file, or header-line and columns.name in the partner's layout.");
                }
                rejects.warning(headerLine, field, "COLUMN_MISSING", "No column " + found.expected(field)
                        + " for '" + field + "' in this file; the field stays empty.");
            }
            return new Cols(found);
        }

        String raw(CsvFile.Row row, String field) {
            int i = found.indexOf(field);
            return i < 0 ? null : row.get(i);
        }

        String text(CsvFile.Row row, String field) {
            return Text.clean(raw(row, field));
        }

        String header(String field) {
            return found.header(field);
        }
    }
}
