package be.micmons.warehouse.normalize;

import java.util.Optional;

/**
 * Belgian enterprise number (BCE/KBO), DESIGN §6: any usual spelling in, 10 digits out, valid iff
 * it starts with 0 or 1 and {@code 97 - (first 8 digits mod 97)} equals the last two digits.
 */
public final class EnterpriseNumber {
    private static final java.util.regex.Pattern EXCEL_NUMBER = java.util.regex.Pattern.compile("\\d{9,10}[.,]0+");
    private EnterpriseNumber() {
    }

    /** The 10-digit form, or empty when the text is not a valid enterprise number. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().toUpperCase();
        if (EXCEL_NUMBER.matcher(s).matches()) {
            s = s.substring(0, s.indexOf(s.contains(".") ? '.' : ',')); // 403019261.0 from a spreadsheet
        }
        if (s.startsWith("BE")) {
            s = s.substring(2);
        }
        StringBuilder digits = new StringBuilder(10);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '.' && c != ' ' && c != '-' && c != '/' && c != '\u00a0') {
                return Optional.empty();
            }
        }
        if (digits.length() == 9) {
            digits.insert(0, '0'); // legacy 9-digit numbers
        }
        String d = digits.toString();
        return isValid(d) ? Optional.of(d) : Optional.empty();
    }

    /** The check of DESIGN §6 on exactly 10 digits. */
    public static boolean isValid(String tenDigits) {
        if (tenDigits == null || tenDigits.length() != 10 || !tenDigits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        char first = tenDigits.charAt(0);
        if (first != '0' && first != '1') {
            return false;
        }
        long base = Long.parseLong(tenDigits.substring(0, 8));
        int check = Integer.parseInt(tenDigits.substring(8));
        return 97 - (base % 97) == check;
    }

    /** Display form 0403.019.261. */
    public static String format(String tenDigits) {
        return tenDigits.substring(0, 4) + "." + tenDigits.substring(4, 7) + "." + tenDigits.substring(7);
    }
}
