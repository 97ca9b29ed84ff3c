package be.micmons.warehouse.hr;

import java.util.Optional;

/**
 * Belgian national register number (NISS), DESIGN §6: 11 digits, valid iff
 * {@code 97 - (first 9 digits mod 97)} equals the last two, or, for people born from 2000,
 * {@code 97 - ((2000000000 + first 9 digits) mod 97)}. Usual spellings such as 85.07.30-033.61 are accepted.
 */
public final class Niss {
    private Niss() {
    }

    /** The 11 digits, or empty when the text is not a valid NISS. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(11);
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '.' && c != '-' && c != ' ' && c != '/' && c != '\u00a0') {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        return isValid(d) ? Optional.of(d) : Optional.empty();
    }

    /** The check of DESIGN §6 on exactly 11 digits. */
    public static boolean isValid(String elevenDigits) {
        if (elevenDigits == null || elevenDigits.length() != 11
                || !elevenDigits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return false;
        }
        long base = Long.parseLong(elevenDigits.substring(0, 9));
        int check = Integer.parseInt(elevenDigits.substring(9));
        return 97 - (base % 97) == check || 97 - ((2_000_000_000L + base) % 97) == check;
    }
}
