package be.micmons.warehouse.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical text of a frozen report, whose SHA-256 is the report's {@code sha256} (recipe in
 * the README, "Reports as submitted"): UTF-8, one line per record ended by {@code \n}, fields
 * separated by a tab; a header line, the figures, then the items, each in a fixed order.
 */
public final class CanonicalText {
    private final MessageDigest digest;

    public CanonicalText() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(String phase, Integer year) {
        return join("report", phase, year == null ? "" : year.toString());
    }

    public static String phase(String metric, String value, String target) {
        return join("phase", metric, value, target == null ? "" : target);
    }

    public static String figure(String metric, int year, String value, String target) {
        return join("figure", metric, Integer.toString(year), value, target == null ? "" : target);
    }

    public static String item(String metric, int year, Long importId, Long lineNo, String fileName, String item) {
        return join("item", metric, Integer.toString(year), importId == null ? "" : importId.toString(),
                lineNo == null ? "" : lineNo.toString(), fileName == null ? "" : fileName, item);
    }

    /** A number as the canonical text writes it: no trailing zeros, no exponent. */
    public static String number(BigDecimal n) {
        return n == null ? null : n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }

    /** Adds one line (without its end) to the digest. */
    public CanonicalText line(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        return this;
    }

    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String join(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            escape(fields[i], b);
        }
        return b.toString();
    }

    /** Backslash, tab, line feed and carriage return are written \\, \t, \n, \r. */
    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }
}
