package be.micmons.warehouse.incubators;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A partner site's CSV layout: {@code config/partners/<id>.yaml}, schema pinned in DESIGN §5.2. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerLayout(String id, String name, String city, Csv csv,
                            Map<String, List<String>> columns,
                            Map<String, Map<String, String>> values,
                            Deliveries deliveries) {

    /** Optional: how often the partner delivers (DESIGN §14), e.g. {@code {every: quarter, due-days: 15}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deliveries(String every, @JsonProperty("due-days") Integer dueDays) {}

    /** How the partner writes its files. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Csv(String charset, String delimiter,
                      @JsonProperty("header-line") Integer headerLine,
                      @JsonProperty("skip-lines-matching") String skipLinesMatching,
                      @JsonProperty("date-formats") List<String> dateFormats,
                      @JsonProperty("decimal-comma") Boolean decimalComma) {}

    /** The canonical fields of DESIGN §5.2; only name is required. */
    public static final List<String> FIELDS = List.of("name", "enterprise_number", "legal_form", "creation_date",
            "postal_code", "city", "theme", "programme", "support_start", "status", "founders");
}
