package be.micmons.warehouse.layout;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * How a source writes its files, one model for partner sites ({@code config/partners/<id>.yaml},
 * DESIGN §5.2), exam providers ({@code config/providers/<id>.yaml}) and the HR export: the CSV
 * form, the header texts (aliases) of each canonical field, value maps and defaults. Read by
 * {@link LayoutReader}, which names the key of any mistake.
 *
 * @param required  fields whose column must be found (the source gives its own when absent)
 * @param requiredOneOf groups of fields of which at least one group must be found whole
 * @param defaults  value of a field whose cell is empty (e.g. Certiport lists delivered sittings only)
 * @param sftp      the partner's optional SFTP block, bound by the SFTP pull itself
 * @param deliveries the partner's optional delivery schedule, read by the deliveries feature
 */
public record SourceLayout(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and '-'") String id,
        String name,
        String city,
        @Valid Csv csv,
        @NotEmpty(message = "must list the header texts of each field") Map<String, List<String>> columns,
        List<String> required,
        @JsonProperty("required-one-of") List<List<String>> requiredOneOf,
        Map<String, Map<String, String>> values,
        Map<String, String> defaults,
        JsonNode sftp,
        @Valid Deliveries deliveries) {

    /** Optional: how often a partner delivers (DESIGN §14), e.g. {@code {every: quarter, due-days: 15}}. */
    public record Deliveries(String every,
                             @JsonProperty("due-days") @Min(value = 0, message = "cannot be negative") Integer dueDays) {}

    public static final Csv DEFAULT_CSV = new Csv(null, null, null, null, null, null, null);

    /** The CSV form, {@link #DEFAULT_CSV} when the layout has no {@code csv:} block. */
    public Csv csvOrDefault() {
        return csv == null ? DEFAULT_CSV : csv;
    }

    /** The header texts of a field, none when the layout does not name it. */
    public List<String> aliases(String field) {
        List<String> a = columns == null ? null : columns.get(field);
        return a == null ? List.of() : a;
    }

    /** Every field of columns: names at least one header text. */
    @AssertTrue(message = "every field needs at least one header text")
    boolean isColumns() {
        return columns == null || columns.values().stream().allMatch(a -> a != null && !a.isEmpty()
                && a.stream().allMatch(s -> s != null && !s.isBlank()));
    }

    /** How the source writes its files. */
    public record Csv(String charset, String delimiter,
                      @JsonProperty("header-line") @Min(value = 1, message = "counts from 1") Integer headerLine,
                      @JsonProperty("skip-lines-matching") String skipLinesMatching,
                      @JsonProperty("date-formats") List<String> dateFormats,
                      @JsonProperty("date-description") String dateDescription,
                      @JsonProperty("decimal-comma") Boolean decimalComma) {

        @AssertTrue(message = "is not a character set Java knows (e.g. UTF-8, windows-1252, ISO-8859-1)")
        boolean isCharset() {
            if (charset == null) {
                return true;
            }
            try {
                Charset.forName(charset);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @AssertTrue(message = "must be one character, or tab")
        boolean isDelimiter() {
            return delimiter == null || delimiterChar(';') != 0;
        }

        @AssertTrue(message = "is not a valid regular expression")
        boolean isSkipLinesMatching() {
            if (skipLinesMatching == null) {
                return true;
            }
            try {
                java.util.regex.Pattern.compile(skipLinesMatching);
                return true;
            } catch (PatternSyntaxException e) {
                return false;
            }
        }

        @AssertTrue(message = "holds a pattern that is not a date format")
        boolean isDateFormats() {
            if (dateFormats == null) {
                return true;
            }
            try {
                dateFormats.forEach(java.time.format.DateTimeFormatter::ofPattern);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** ";" or "\t" (also written "tab") to a char; the default when unset; 0 when invalid. */
        public char delimiterChar(char byDefault) {
            if (delimiter == null || delimiter.isEmpty()) {
                return byDefault;
            }
            if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
                return '\t';
            }
            return delimiter.length() == 1 ? delimiter.charAt(0) : 0;
        }

        public Charset charsetOr(Charset byDefault) {
            return charset == null ? byDefault : Charset.forName(charset);
        }

        public int headerLineOrFirst() {
            return headerLine == null ? 1 : headerLine;
        }

        public java.util.regex.Pattern skipPattern() {
            return skipLinesMatching == null ? null : java.util.regex.Pattern.compile(skipLinesMatching);
        }

        public List<String> dateFormatsOr(List<String> byDefault) {
            return dateFormats == null || dateFormats.isEmpty() ? byDefault : dateFormats;
        }
    }
}
