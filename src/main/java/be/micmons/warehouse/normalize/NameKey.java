package be.micmons.warehouse.normalize;

import java.text.Normalizer;
import java.util.Set;
import java.util.regex.Pattern;

/** The company-name comparison key of DESIGN §6: lower case, no accents, no legal forms, no punctuation. */
public final class NameKey {
    /** Belgian legal forms, French and Dutch, written without dots. */
    public static final Set<String> LEGAL_FORMS = Set.of(
            "sprl", "srl", "sa", "sc", "scrl", "scs", "scomm", "snc", "asbl",
            "bvba", "bv", "nv", "vzw", "cvba", "commv");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NameKey() {
    }

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String s = stripAccents(name.toLowerCase(java.util.Locale.ROOT));
        // 1. whole tokens that are a legal form once their dots are removed (S.P.R.L. -> sprl)
        StringBuilder kept = new StringBuilder();
        for (String token : SPACES.split(s.strip())) {
            if (!token.isEmpty() && !LEGAL_FORMS.contains(token.replace(".", ""))) {
                kept.append(token).append(' ');
            }
        }
        // 2. punctuation becomes space, bare legal-form words go again, spaces collapse
        StringBuilder key = new StringBuilder();
        for (String word : SPACES.split(NOT_WORD.matcher(kept).replaceAll(" ").strip())) {
            if (!word.isEmpty() && !LEGAL_FORMS.contains(word)) {
                if (!key.isEmpty()) {
                    key.append(' ');
                }
                key.append(word);
            }
        }
        return key.toString();
    }

    public static String stripAccents(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }
}
