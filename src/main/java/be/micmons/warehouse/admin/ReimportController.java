package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Re-imports of archived files (DESIGN §9, ADMIN): 202 with the new import ids, loads in the background. */
@RestController
public class ReimportController {
    private final ReimportService reimports;
    private final Params params;

    public ReimportController(ReimportService reimports, Params params) {
        this.reimports = reimports;
        this.params = params;
    }

    @PostMapping("/api/imports/{id}/reimport")
    public ResponseEntity<Map<String, Object>> reimport(@PathVariable long id) {
        long newId = reimports.reimport(Params.id(id, "import id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("import", newId);
        body.put("reimport_of", id);
        body.put("status", "RUNNING");
        body.put("location", "/api/imports/" + newId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** Body: {"source":"incubators","partner":"mons-mic","from":"2012-01-01","to":"2012-12-31"}, checked by Bean Validation. */
    public record PeriodRequest(
            @NotBlank(message = "is required, one of " + SOURCES_TEXT)
            @Pattern(regexp = "incubators|exams|hr", message = "must be one of " + SOURCES_TEXT) String source,
            String partner,
            @NotBlank(message = "is required, as yyyy-MM-dd") @IsoDate String from,
            @NotBlank(message = "is required, as yyyy-MM-dd") @IsoDate String to) {

        @AssertTrue(message = "'to' is before 'from'")
        boolean isPeriod() {
            try {
                return !LocalDate.parse(to).isBefore(LocalDate.parse(from));
            } catch (RuntimeException e) {
                return true; // told by the dates' own checks
            }
        }
    }

    private static final String SOURCES_TEXT = "[incubators, exams, hr]";

    @PostMapping("/api/reimports")
    public ResponseEntity<Map<String, Object>> period(@Valid @RequestBody PeriodRequest req) {
        if (req == null) {
            throw new BadRequestException("a JSON body {source, partner, from, to} is required");
        }
        String source = req.source();
        String partner = params.partner(source, req.partner());
        LocalDate from = LocalDate.parse(req.from());
        LocalDate to = LocalDate.parse(req.to());
        List<Long> ids = reimports.reimportPeriod(source, partner, from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        body.put("partner", partner);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("imports", ids);
        body.put("files", ids.size());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
