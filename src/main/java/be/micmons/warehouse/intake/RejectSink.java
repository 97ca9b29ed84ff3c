package be.micmons.warehouse.intake;

import be.micmons.warehouse.privacy.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects row problems of one import (DESIGN §8 ops.rejected_row). Keeps at most a configured
 * number of detailed rows so a hostile file cannot exhaust memory; the rest is summarised.
 */
public final class RejectSink {
    public enum Severity { ERROR, WARNING }

    public record Reject(long lineNo, String field, String reasonCode, Severity severity, String message) {}

    /** At most this many distinct texts are remembered scrubbed (see {@link #scrubbed}). */
    private static final int SCRUBBED_TEXTS = 10_000;

    private final int maxDetailed;
    private final List<Reject> detailed = new ArrayList<>();
    /**
     * Field names and messages as scrubbed, by text: a file's problems repeat a few texts, and the
     * two patterns run once per distinct text rather than per problem (the bench's 1M-row export,
     * with 10,591 rejected rows and their warnings: 4 % of the streaming thread's samples were in
     * the scrubbing, none since).
     */
    private final Map<String, String> scrubbed = new HashMap<>();
    private long lastErrorLine = Long.MIN_VALUE;
    private long rejectedRows;
    private long dropped;

    public RejectSink(int maxDetailed) {
        this.maxDetailed = maxDetailed;
    }

    /** The row is not loaded. Counted once per line (lines come in order), whatever its problems. */
    public void error(long lineNo, String field, String reasonCode, String message) {
        if (lineNo != lastErrorLine) {
            lastErrorLine = lineNo;
            rejectedRows++;
        }
        add(new Reject(lineNo, field, reasonCode, Severity.ERROR, message));
    }

    /** The row is loaded, with a problem worth telling. */
    public void warning(long lineNo, String field, String reasonCode, String message) {
        add(new Reject(lineNo, field, reasonCode, Severity.WARNING, message));
    }

    private void add(Reject r) {
        if (detailed.size() < maxDetailed) {
            // the last guard of DESIGN §16: whatever a loader wrote, no e-mail or NISS is kept
            detailed.add(new Reject(r.lineNo(), scrub(r.field()), r.reasonCode(), r.severity(), scrub(r.message())));
        } else {
            dropped++;
        }
    }

    private String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = scrubbed.get(text);
        if (s == null) {
            s = Redaction.scrub(text);
            if (scrubbed.size() < SCRUBBED_TEXTS) {
                scrubbed.put(text, s);
            }
        }
        return s;
    }

    public long rejectedRows() {
        return rejectedRows;
    }

    public boolean hasErrors() {
        return rejectedRows > 0;
    }

    /** Detailed problems, plus one summary line when some were left out. */
    public List<Reject> all() {
        if (dropped == 0) {
            return detailed;
        }
        List<Reject> out = new ArrayList<>(detailed);
        out.add(new Reject(0, null, "TOO_MANY_PROBLEMS", Severity.WARNING,
                dropped + " more problems were found; only the first " + maxDetailed + " are listed"));
        return out;
    }
}
