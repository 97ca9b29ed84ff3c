package be.micmons.warehouse.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words the loaders and the ledger store in English (reject details, import and run messages),
 * read in the page's language at display time (DESIGN §18): by reason code for rejects, by the shape
 * of the sentence for messages. The stored text stays as it is (the API shows it, with the codes).
 */
@Component("consoleTexts")
public class ConsoleTexts {
    /** A quoted value of a reject message, or the redacted form the loaders write instead of a personal value. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\\((an e-mail address|empty|an? \\d+-digit number)\\)");
    private static final Pattern NUMBERS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d+(?:[.,]\\d+)?");

    /** Import, pull and nightly messages: sentence shape -> message key (groups are its arguments). */
    private static final List<Object[]> MESSAGES = List.of(
            m("same content as import (\\d+) \\((.*)\\): nothing to do", "msg.duplicate"),
            m("warehouse unavailable, the file stays in the inbox and is retried: .*", "msg.warehouseDown"),
            m("the warehouse connection was lost during the import; nothing of it was kept and the file was imported again",
                    "msg.connectionLost"),
            m("The file (.+) has a header but no (?:data rows|declarations)\\.", "msg.noRows"),
            m("The file (.+) is empty(?: \\(no header on line (\\d+)\\))?\\.", "msg.empty"),
            m("The file (.+) is in UTF-16 or is binary; .*", "msg.binary"),
            m("The file (.+) is not in the expected character set.*", "msg.charset"),
            m("The file (.+) lacks the column\\(s\\) (.+?) (?:on its header line|of the) .*", "msg.columnsMissing"),
            m("The required column for the company name was not found on line (\\d+) of (.+?)\\. .*", "msg.nameColumn"),
            m("No layout is configured for partner '(.+?)'.*", "msg.noLayout"),
            m("The layout (.+) of partner '(.+?)' (?:is wrong|cannot be read): (.*)", "msg.badLayout"),
            m("The folder exams/(.+?) is not an exam provider.*", "msg.notProvider"),
            m("The file (.+) cannot be read as CSV(?: from line (\\d+)|: line (\\d+)).*", "msg.notCsv"),
            m("The file (.+) starts like JSON but is not an HR API answer.*", "msg.notHrJson"),
            m("The file (.+) was not imported: (.*)", "msg.refused"),
            m("The archived copy (.+) of (.+) is missing or altered; nothing was replayed.*", "msg.archiveAltered"),
            m("Import (\\d+) is no longer LOADED.*", "msg.noLongerLoaded"),
            m("The file could not be imported because of an unexpected error: (.*)", "msg.unexpected"),
            m("the (?:process|instance) that ran it \\((.+?)\\) stopped before it finished.*", "msg.nodeLost"),
            m("another nightly run was still running", "msg.nightlyBusy"),
            m("(\\d+) imports", "msg.pullImports"),
            m("the pull '(.+?)' is not configured.*", "msg.pullNotConfigured"));

    private static final Pattern NIGHTLY_NOTE = Pattern.compile("([a-z-]+): (not configured, skipped|already running, skipped"
            + "|pull run (\\d+)|FAILED, see pull run (\\d+)|configuration error (.*))");

    /** Evidence items of the views (English words around the data), per metric: shape -> key. */
    private static final java.util.Map<String, Pattern> EVIDENCE = java.util.Map.of(
            "exams_passed", Pattern.compile("(.+) (\\S+) (\\d{4}-\\d{2}-\\d{2}) (registration|person) (\\S+)"),
            "certifications_delivered", Pattern.compile("(\\S+) person (\\S+) (\\d{4}-\\d{2}-\\d{2})"),
            "certified_persons", Pattern.compile("person (\\S+) first pass (\\S+) (\\d{4}-\\d{2}-\\d{2})"),
            "jobs_created", Pattern.compile("(.*), worker (\\S+), (\\S+) from (\\d{4}-\\d{2}-\\d{2}) (\\[.*\\])"),
            "jobs_created_fte", Pattern.compile("(.*), worker (\\S+), (\\S+) from (\\d{4}-\\d{2}-\\d{2}), FTE (\\S+) (\\[.*\\])"));

    private final MessageSource messages;

    public ConsoleTexts(MessageSource messages) {
        this.messages = messages;
    }

    private static Object[] m(String regex, String key) {
        return new Object[] {Pattern.compile(regex, Pattern.DOTALL), key};
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** The reason of a reject in words (the code is the tooltip). */
    public String reason(String code, Locale locale) {
        return messages.getMessage("reject." + code, null, code, locale);
    }

    /** The detail of a reject: the stored English sentence in English, else the reason's sentence with its values. */
    public String detail(String code, String message, Locale locale) {
        if (english(locale) || message == null) {
            return message;
        }
        List<String> args = new ArrayList<>();
        Matcher q = QUOTED.matcher(message);
        while (q.find()) {
            args.add(q.group(1) != null ? "« " + q.group(1) + " »" : redacted(q.group(2), locale));
        }
        String key = "reject." + code + ".detail";
        if (args.isEmpty()) {
            Matcher n = NUMBERS.matcher(message);
            while (n.find()) {
                args.add(n.group());
            }
        } else {
            key += ".value";
        }
        String fr = messages.getMessage(key, args.toArray(), null, locale);
        if (fr == null) {
            fr = messages.getMessage("reject." + code + ".detail", args.toArray(), null, locale);
        }
        return fr != null ? fr : messages.getMessage("text.untranslated", new Object[] {message}, message, locale);
    }

    private String redacted(String what, Locale locale) {
        return messages.getMessage("redacted." + what.replace(' ', '-'), null, "(" + what + ")", locale);
    }

    /** A counted item of the evidence in the page's language (its data unchanged, the words around it translated). */
    public String evidence(String metric, String item, Locale locale) {
        Pattern p = EVIDENCE.get(metric);
        if (item == null || p == null || english(locale)) {
            return item;
        }
        Matcher m = p.matcher(item);
        if (!m.matches()) {
            return item;
        }
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = m.group(i + 1);
        }
        if ("exams_passed".equals(metric)) {
            args[3] = messages.getMessage("evidence.word." + args[3], null, (String) args[3], locale);
        }
        if ("jobs_created_fte".equals(metric)) {
            args[4] = ((String) args[4]).replace('.', ',');
        }
        return messages.getMessage("evidence.item." + metric, args, item, locale);
    }

    /** A theme slug of the partner layouts in words (an unknown one with spaces for its dashes). */
    public String theme(String slug, Locale locale) {
        return messages.getMessage("theme." + slug, null, slug.replace('-', ' '), locale);
    }

    /** An import, pull or nightly message in the page's language. */
    public String message(String text, Locale locale) {
        if (text == null || text.isBlank() || english(locale)) {
            return text;
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split("; ")) {
            parts.add(one(part, locale));
        }
        return String.join(" ; ", parts);
    }

    private String one(String text, Locale locale) {
        for (Object[] e : MESSAGES) {
            Matcher m = ((Pattern) e[0]).matcher(text);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1) == null ? "" : m.group(i + 1);
                }
                return messages.getMessage((String) e[1], args, text, locale);
            }
        }
        Matcher n = NIGHTLY_NOTE.matcher(text);
        if (n.matches()) {
            String what = n.group(2);
            String key = what.startsWith("not configured") ? "msg.nightly.notConfigured"
                    : what.startsWith("already") ? "msg.nightly.alreadyRunning"
                    : what.startsWith("pull run") ? "msg.nightly.pullRun"
                    : what.startsWith("FAILED") ? "msg.nightly.pullFailed" : "msg.nightly.configError";
            String arg = n.group(3) != null ? n.group(3) : n.group(4) != null ? n.group(4) : n.group(5);
            return messages.getMessage(key, new Object[] {n.group(1), arg == null ? "" : arg}, text, locale);
        }
        return messages.getMessage("text.untranslated", new Object[] {text}, text, locale);
    }
}
