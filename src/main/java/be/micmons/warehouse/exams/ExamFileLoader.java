package be.micmons.warehouse.exams;

import be.micmons.warehouse.exams.ExamRowNormalizer.Field;
import be.micmons.warehouse.intake.CsvFile;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.ImportJob;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.SourceLoader;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Provider exports dropped in {@code <inbox>/exams/<provider>/} (DESIGN §5.3): Prometric and
 * Pearson VUE (comma, US dates), Certiport (semicolon, BOM, timestamps, no status). Columns are
 * found by header name (ignoring case, spaces and accents), so extra or reordered columns do no harm.
 */
@Component
public class ExamFileLoader implements SourceLoader {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final PersonHasher hasher;
    private final int maxLineChars;

    public ExamFileLoader(PersonHasher hasher, be.micmons.warehouse.MicProperties props) {
        this.hasher = hasher;
        this.maxLineChars = props.intake().maxLineChars();
    }

    @Override
    public String source() {
        return "exams";
    }

    @Override
    public LoadResult load(ImportJob job) throws Exception {
        String provider = ExamRowNormalizer.provider(job.partner()).orElseThrow(() -> FileRejectedException.configuration(
                "The folder exams/" + job.partner() + " is not an exam provider: drop exports in exams/prometric,"
                        + " exams/pearson-vue or exams/certiport.", null));
        boolean certiport = provider.equals("certiport");
        Charset charset = StandardCharsets.UTF_8;
        if (!isUtf8(job.file())) {
            charset = WINDOWS_1252;
            job.rejects().warning(0, null, "NOT_UTF8", "The file is not in UTF-8 as the provider layout says;"
                    + " it was read as Windows-1252.");
        }
        char delimiter = sniffDelimiter(job.file(), charset, certiport ? ';' : ',');
        ExamDates dates = certiport ? ExamDates.CERTIPORT : ExamDates.US;
        long read = 0;
        try (CsvFile file = CsvFile.open(job.file(), charset, delimiter, 1, maxLineChars);
             ExamStage stage = new ExamStage(job.connection(), job.importId())) {
            Columns cols = Columns.of(file.header(), job.fileName(), certiport);
            ExamRowNormalizer normalizer = new ExamRowNormalizer(hasher, job.rejects(), cols::header,
                    dates::parse, dates.description());
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

    /** Where each logical field sits in this file's header. */
    record Columns(Map<Field, Integer> index, Map<Field, String> names) {
        private static final Map<String, Field> ALIASES = Map.ofEntries(
                Map.entry("registrationid", Field.REGISTRATION_ID), Map.entry("registrationnumber", Field.REGISTRATION_ID),
                Map.entry("candidateid", Field.CANDIDATE_REF), Map.entry("candidateref", Field.CANDIDATE_REF),
                Map.entry("email", Field.EMAIL), Map.entry("e-mail", Field.EMAIL), Map.entry("emailaddress", Field.EMAIL),
                Map.entry("examcode", Field.EXAM_CODE), Map.entry("examtitle", Field.EXAM_TITLE),
                Map.entry("examname", Field.EXAM_TITLE),
                Map.entry("appointmentdate", Field.DATE), Map.entry("examstart", Field.DATE), Map.entry("examdate", Field.DATE),
                Map.entry("examstatus", Field.STATUS), Map.entry("status", Field.STATUS),
                Map.entry("score", Field.SCORE), Map.entry("passingscore", Field.PASSING_SCORE),
                Map.entry("result", Field.RESULT));

        static Columns of(List<String> header, String fileName, boolean certiport) throws FileRejectedException {
            Map<Field, Integer> index = new EnumMap<>(Field.class);
            Map<Field, String> names = new EnumMap<>(Field.class);
            for (int i = 0; i < header.size(); i++) {
                Field f = ALIASES.get(Text.matchKey(header.get(i)));
                if (f != null && !index.containsKey(f)) {
                    index.put(f, i);
                    names.put(f, Text.clean(header.get(i)));
                }
            }
            List<String> missing = new ArrayList<>();
            require(index, Field.CANDIDATE_REF, certiport ? "Candidate ID" : "CandidateID", missing);
            require(index, Field.EXAM_CODE, certiport ? "Exam Code" : "ExamCode", missing);
            require(index, Field.DATE, certiport ? "Exam Start" : "AppointmentDate", missing);
            if (!certiport) {
                require(index, Field.REGISTRATION_ID, "RegistrationID", missing);
                require(index, Field.STATUS, "ExamStatus", missing);
            }
            if (!index.containsKey(Field.RESULT)
                    && !(index.containsKey(Field.SCORE) && index.containsKey(Field.PASSING_SCORE))) {
                missing.add("Result (or Score and PassingScore)");
            }
            if (!missing.isEmpty()) {
                throw new FileRejectedException("The file " + fileName + " lacks the column(s) " + String.join(", ", missing)
                        + " of the " + (certiport ? "Certiport" : "Prometric / Pearson VUE") + " export layout (header found: "
                        + be.micmons.warehouse.privacy.Redaction.header(header, known(), certiport ? ";" : ",") + ").");
            }
            return new Columns(index, names);
        }

        /** Every column name an exam export may carry (the only header cells a message may quote). */
        private static List<String> known() {
            List<String> k = new ArrayList<>(ALIASES.keySet());
            k.addAll(List.of("Candidate ID", "Exam Code", "Exam Start", "FirstName", "LastName", "Email", "Exam Title"));
            return k;
        }

        private static void require(Map<Field, Integer> index, Field f, String name, List<String> missing) {
            if (!index.containsKey(f)) {
                missing.add(name);
            }
        }

        void fill(CsvFile.Row row, String[] raw) {
            for (Field f : Field.values()) {
                Integer i = index.get(f);
                raw[f.ordinal()] = i == null ? null : row.get(i);
            }
        }

        String header(Field f) {
            return names.getOrDefault(f, f.name().toLowerCase());
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
