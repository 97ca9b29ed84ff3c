package be.micmons.warehouse.hr;

import be.micmons.warehouse.intake.CsvFile;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.ImportJob;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.SourceLoader;
import be.micmons.warehouse.layout.HeaderMatcher;
import be.micmons.warehouse.layout.SourceLayout;
import be.micmons.warehouse.normalize.Text;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * HR CSV exports dropped in {@code inbox/hr/} (DESIGN §5.4): the API's fields as columns, {@code ;},
 * UTF-8, dates dd/MM/yyyy, declared_at ISO-8601, FTE with a decimal comma. Same checks and event
 * semantics as the API pull. A file holding a saved API answer ({@code {"items":[...]}}, e.g. the
 * archive of a pull being re-imported) is read like a pull.
 */
@Component
public class HrCsvLoader implements SourceLoader {
    private static final List<String> REQUIRED = List.of(Declarations.DECLARATION_ID, Declarations.ACTION,
            Declarations.DECLARED_AT, Declarations.WORKER_NISS);

    private final Declarations declarations;
    private final ObjectMapper json;

    private final int maxLineChars;

    public HrCsvLoader(Declarations declarations, be.micmons.warehouse.MicProperties props, ObjectMapper json) {
        this.declarations = declarations;
        this.json = json;
        this.maxLineChars = props.intake().maxLineChars();
    }

    @Override
    public String source() {
        return "hr";
    }

    @Override
    public LoadResult load(ImportJob job) throws Exception {
        if (isJson(job.file())) {
            return loadApiAnswer(job);
        }
        long read = 0;
        try (CsvFile file = CsvFile.open(job.file(), StandardCharsets.UTF_8, ';', 1, maxLineChars);
             Declarations.Stage stage = declarations.openStage(job.connection())) {
            Map<String, Integer> columns = columns(file, job.fileName());
            Map<String, String> headers = new HashMap<>();
            columns.forEach((f, i) -> headers.put(f, file.header().get(i)));
            for (CsvFile.Row row = file.nextRow(); row != null; row = file.nextRow()) {
                if (row.isBlank()) {
                    continue;
                }
                read++;
                job.progress().rowRead();
                CsvFile.Row r = row;
                declarations.stage(stage, job.importId(), row.lineNo(),
                        f -> columns.containsKey(f) ? r.get(columns.get(f)) : null,
                        f -> headers.getOrDefault(f, f), job.rejects());
            }
            if (read == 0) {
                throw new FileRejectedException("The file " + job.fileName() + " has a header but no declarations.");
            }
            stage.finish();
        }
        Declarations.Merged merged = declarations.merge(job.connection());
        return new LoadResult(read, merged.loaded(), merged.duplicates());
    }

    /** A saved API answer (a pull's archive, or one exported by hand): items numbered from 1 in file order. */
    private LoadResult loadApiAnswer(ImportJob job) throws Exception {
        long read;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(job.file()), 1 << 16);
             JsonParser p = json.getFactory().createParser(in);
             Declarations.Stage stage = declarations.openStage(job.connection())) {
            read = ApiPage.read(p, json, 0, (position, item) -> {
                job.progress().rowRead();
                declarations.stageItem(stage, job.importId(), position, item, job.rejects());
            }).lastPosition();
            stage.finish();
        } catch (ApiPage.NotAPage e) {
            throw new FileRejectedException("The file " + job.fileName() + " starts like JSON but is not an HR API answer"
                    + " {\"items\":[...]}: " + e.getMessage() + ". HR files are CSV (';') or saved API answers.");
        }
        Declarations.Merged merged = declarations.merge(job.connection());
        return new LoadResult(read, merged.loaded(), merged.duplicates());
    }

    /** True when the first character after an optional BOM and blanks is '{'. */
    private static boolean isJson(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b = in.read();
            if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
                b = in.read();
            }
            while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                b = in.read();
            }
            return b == '{';
        }
    }

    /** The HR export's layout (DESIGN §5.4): each column is headed by its field's name. */
    static final SourceLayout LAYOUT = new SourceLayout("hr", "HR export",  null,
            new SourceLayout.Csv("UTF-8", ";", 1, null, List.of("dd/MM/yyyy"), "dd/MM/yyyy", true),
            Declarations.FIELDS.stream().collect(java.util.stream.Collectors.toMap(f -> f, List::of,
                    (a, b) -> a, java.util.LinkedHashMap::new)),
            REQUIRED, null, null, null, null, null);

    /** Field name -> column index, headers matched by {@link HeaderMatcher}. */
    private static Map<String, Integer> columns(CsvFile file, String fileName) throws FileRejectedException {
        List<String> header = file.header();
        HeaderMatcher.Columns found = HeaderMatcher.match(LAYOUT, header);
        List<String> missing = found.missingRequired(REQUIRED);
        if (!missing.isEmpty()) {
            boolean commas = header.size() == 1 && header.get(0) != null && header.get(0).contains(",");
            throw new FileRejectedException("The file " + fileName + " lacks the column(s) " + String.join(", ", missing)
                    + " on its header line " + file.headerLineNo() + (commas ? " (it looks comma-separated: HR files use ';')" : "")
                    + ". Expected header: " + String.join(";", Declarations.FIELDS) + ".");
        }
        return found.index();
    }
}
