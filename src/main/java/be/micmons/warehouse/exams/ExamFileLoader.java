package be.micmons.warehouse.exams;

import be.micmons.warehouse.exams.ExamRowNormalizer.Field;
import be.micmons.warehouse.intake.CsvFile;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.ImportJob;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.SourceLoader;
import be.micmons.warehouse.layout.HeaderMatcher;
import be.micmons.warehouse.layout.SourceLayout;
import be.micmons.warehouse.privacy.Redaction;
import be.micmons.warehouse.normalize.Text;
import be.micmons.warehouse.privacy.PersonHasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Provider exports dropped in {@code <inbox>/exams/<provider>/} (DESIGN §5.3), read by the
 * provider's layout ({@code config/providers/<id>.yaml}: Prometric and Pearson VUE with commas and
 * US dates, Certiport with semicolons, timestamps and no status). Columns are found by header name
 * (ignoring case, spaces and accents), so extra or reordered columns do no harm.
 */
@Component
public class ExamFileLoader implements SourceLoader {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final PersonHasher hasher;
    private final ExamProviders providers;
    private final int maxLineChars;

    public ExamFileLoader(PersonHasher hasher, ExamProviders providers, be.micmons.warehouse.MicProperties props) {
        this.hasher = hasher;
        this.providers = providers;
        this.maxLineChars = props.intake().maxLineChars();
    }

    @Override
    public String source() {
        return "exams";
    }

    @Override
    public LoadResult load(ImportJob job) throws Exception {
        String provider = job.partner();
        SourceLayout layout = providers.layout(provider);
        SourceLayout.Csv csv = layout.csvOrDefault();
        Charset charset = csv.charsetOr(StandardCharsets.UTF_8);
        if (charset.equals(StandardCharsets.UTF_8) && !isUtf8(job.file())) {
            charset = WINDOWS_1252;
            job.rejects().warning(0, null, "NOT_UTF8", "The file is not in UTF-8 as the provider layout says;"
                    + " it was read as Windows-1252.");
        }
        char delimiter = sniffDelimiter(job.file(), charset, csv.delimiterChar(','));
        ExamDates dates = ExamDates.of(csv.dateFormatsOr(List.of()),
                csv.dateDescription() == null ? "ISO yyyy-MM-dd" : csv.dateDescription());
        String statusWhenMissing = layout.defaults() == null ? null
                : ExamOutcome.status(layout.defaults().get("status")).orElse(null);
        long read = 0;
        try (CsvFile file = CsvFile.open(job.file(), charset, delimiter, csv.headerLineOrFirst(), maxLineChars);
             ExamStage stage = new ExamStage(job.connection(), job.importId())) {
            Columns cols = Columns.of(layout, file.header(), job.fileName());
            ExamRowNormalizer normalizer = new ExamRowNormalizer(hasher, job.rejects(), cols::header,
                    dates::parse, dates.description(), p -> statusWhenMissing);
            String[] raw = new String[Field.values().length];
            for (CsvFile.Row row = file.nextRow(); row != null; row = file.nextRow()) {
                if (row.isBlank()) {
                    continue;
                }
                read++;
                job.progress().rowRead();
                if (hasExtraValues(row, file.header().size())) {
                    // values shifted by an unquoted delimiter (often in a name): none of them can be trusted
                    job.rejects().error(row.lineNo(), null, "TOO_MANY_VALUES", "The row has " + row.values().size()
                            + " values for " + file.header().size() + " columns (a value holding the delimiter"
                            + " without quotes?); the row was not loaded.");
                    continue;
                }
                cols.fill(row, raw);
                ExamSitting s = normalizer.normalize(row.lineNo(), provider, raw, null, null);
                if (s != null) {
                    stage.add(row.lineNo(), s);
                }
            }
            if (read == 0) {
                throw new FileRejectedException("The file " + job.fileName() + " has a header but no data rows.");
            }
            return stage.merge(read);
        }
    }

    /** Where each logical field sits in this file's header, resolved once per file by {@link HeaderMatcher}. */
    record Columns(int[] index, String[] names) {
        private static final List<String> REQUIRED = List.of("candidate_ref", "exam_code", "date");

        static Columns of(SourceLayout layout, List<String> header, String fileName) throws FileRejectedException {
            HeaderMatcher.Columns found = HeaderMatcher.match(layout, header);
            List<String> missing = new ArrayList<>();
            for (String f : found.missingRequired(REQUIRED)) {
                missing.add(found.usualName(f));
            }
            if (!found.hasOneOfGroups()) {
                missing.add(layout.requiredOneOf().stream()
                        .map(g -> String.join(" and ", g.stream().map(found::usualName).toList()))
                        .collect(java.util.stream.Collectors.joining(" (or ", "", ")".repeat(layout.requiredOneOf().size() - 1))));
            }
            if (!missing.isEmpty()) {
                throw new FileRejectedException("The file " + fileName + " lacks the column(s) " + String.join(", ", missing)
                        + " of the " + (layout.name() == null ? layout.id() : layout.name()) + " export layout (header found: "
                        + Redaction.header(header, layout.columns().values().stream().flatMap(List::stream).toList(),
                                String.valueOf(layout.csvOrDefault().delimiterChar(','))) + ").");
            }
            int[] index = new int[Field.values().length];
            String[] names = new String[Field.values().length];
            for (Field f : Field.values()) {
                String key = f.name().toLowerCase(java.util.Locale.ROOT);
                index[f.ordinal()] = found.indexOf(key);
                names[f.ordinal()] = found.has(key) ? Text.clean(found.header(key)) : key;
            }
            return new Columns(index, names);
        }

        void fill(CsvFile.Row row, String[] raw) {
            for (int f = 0; f < index.length; f++) {
                int i = index[f];
                raw[f] = i < 0 ? null : row.get(i);
            }
        }

        String header(Field f) {
            return names[f.ordinal()];
        }
    }

    /** Non-blank values beyond the header's columns (a trailing delimiter alone is harmless). */
    static boolean hasExtraValues(CsvFile.Row row, int columns) {
        for (int i = columns; i < row.values().size(); i++) {
            String v = row.values().get(i);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The delimiter of the header line: the layout's, unless the line clearly uses another one. */
    static char sniffDelimiter(Path file, Charset charset, char expected) throws IOException {
        String first;
        try (var r = Files.newBufferedReader(file, charset)) {
            // at most the first 64K characters: a file with no line end is not read into memory whole
            StringBuilder line = new StringBuilder();
            for (int c = r.read(); c >= 0 && c != '\n' && c != '\r' && line.length() < 65_536; c = r.read()) {
                line.append((char) c);
            }
            first = line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return expected; // CsvFile reports unreadable files in plain words
        }
        if (first == null) {
            return expected;
        }
        char best = expected;
        long bestCount = count(first, expected);
        for (char c : new char[] {',', ';', '\t'}) {
            long n = count(first, c);
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static final long UTF8_SNIFF_BYTES = 4L << 20;

    /** True when the file's first megabytes decode as UTF-8 (exports are meant to be UTF-8). */
    static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        try (InputStream s = Files.newInputStream(file)) {
            boolean eof = false;
            long seen = 0;
            while (true) {
                if (!eof) {
                    int n = s.read(in.array(), in.position(), in.remaining());
                    if (seen >= UTF8_SNIFF_BYTES) {
                        // a spreadsheet's Windows-1252 shows in the first megabytes; past them the strict
                        // decoding of the import itself refuses a stray byte with its line
                        return true;
                    }
                    if (n < 0) {
                        eof = true;
                    } else {
                        seen += n;
                        in.position(in.position() + n);
                    }
                }
                in.flip();
                CoderResult r = d.decode(in, out, eof);
                if (r.isError()) {
                    return false;
                }
                out.clear();
                in.compact();
                if (eof && !r.isOverflow()) {
                    return !d.flush(out).isError();
                }
            }
        }
    }
}
