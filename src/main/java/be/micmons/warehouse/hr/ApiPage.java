package be.micmons.warehouse.hr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The HR API's page format {@code {"items":[...], "next_page": n|null}}, streamed item by item.
 * Used for API answers and for saved answers (a pull's archive, or a JSON file dropped in inbox/hr/).
 */
final class ApiPage {
    private ApiPage() {
    }

    /** Receives each item with its 1-based position across the whole pull or file. */
    interface ItemSink {
        void item(long position, JsonNode item) throws IOException;
    }

    /** The content is not a page; the message says why in plain words. */
    static final class NotAPage extends Exception {
        NotAPage(String message) {
            super(message);
        }
    }

    /**
     * What a page said: its next page (null at the end), the position of its last item, how many items
     * it had, and whether it named its {@code next_page} at all.
     */
    record Read(Integer nextPage, long lastPosition, long items, boolean nextPageGiven) {}

    /**
     * One answer of the API (DESIGN §5.4), stricter than a saved file: {@code next_page} must be given
     * (a number or null) and nothing may follow the object.
     */
    static Read readAnswer(JsonParser p, ObjectMapper json, long position, ItemSink sink) throws NotAPage, IOException {
        Read r = read(p, json, position, sink);
        if (!r.nextPageGiven()) {
            throw new NotAPage("it has no \"next_page\" (a page number, or null on the last page)");
        }
        try {
            if (p.nextToken() != null) {
                throw new NotAPage("something follows the answer's object");
            }
        } catch (JsonProcessingException e) {
            throw new NotAPage("something that is not JSON follows the answer's object");
        }
        return r;
    }

    static Read read(JsonParser p, ObjectMapper json, long position, ItemSink sink) throws NotAPage, IOException {
        Integer next = null;
        boolean items = false;
        boolean nextGiven = false;
        long first = position;
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAPage("it is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("items".equals(name)) {
                    items = true;
                    if (t == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (t != JsonToken.START_ARRAY) {
                        throw new NotAPage("\"items\" is not an array");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode item = json.readTree(p);
                        sink.item(++position, item);
                    }
                } else if ("next_page".equals(name)) {
                    nextGiven = true;
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        next = p.getIntValue();
                    } else if (t == JsonToken.VALUE_STRING && p.getText().strip().matches("\\d{1,9}")) {
                        next = Integer.parseInt(p.getText().strip());
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw new NotAPage("\"next_page\" is neither a page number nor null");
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new NotAPage("it is not valid JSON (" + e.getOriginalMessage() + ", near line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (!items) {
            throw new NotAPage("it has no \"items\"");
        }
        return new Read(next, position, position - first, nextGiven);
    }

    /** A field of an item as text: numbers as written, null and absent as null. */
    static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
