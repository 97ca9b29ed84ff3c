package be.micmons.warehouse.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Drops into a watched inbox as a partner would (written aside, then renamed in), and what is left in it. */
final class Inbox {
    /** The partner layout of the process tests: one start-up per line, Nom;BCE;Création;CP. */
    static final String PARTNER_LAYOUT = """
            csv: {charset: UTF-8, delimiter: ";", date-formats: ["dd/MM/yyyy"]}
            columns: {name: ["Nom"], enterprise_number: ["BCE"], creation_date: ["Création"], postal_code: ["CP"]}
            """;
    static final String PARTNER_HEADER = "Nom;BCE;Création;CP\n";

    private Inbox() {}

    /** Writes the layout of a partner site into the partners folder. */
    static void partnerSite(Path partnersDir, String id) throws IOException {
        Files.createDirectories(partnersDir);
        Files.writeString(partnersDir.resolve(id + ".yaml"), "id: " + id + "\n" + PARTNER_LAYOUT);
    }

    /** The enterprise number (10 digits, valid check digits) of the test start-up number i. */
    static String enterpriseNumber(int i) {
        int body = 4_500_000 + i;
        return String.format("%08d%02d", body, 97 - body % 97);
    }

    /** One start-up line (valid enterprise number) created on 15 March of the year. */
    static String partnerLine(int i, int year) {
        return "Rel Company " + i + ";" + enterpriseNumber(i) + ";15/03/" + year + ";7000\n";
    }

    static Path drop(Path inbox, String rel, Path content) throws IOException {
        Path target = inbox.resolve(rel);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    static Path drop(Path inbox, String rel, String content) throws IOException {
        Path target = inbox.resolve(rel);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Files still waiting in the inbox (not hidden, not in {@code .failed/}). */
    static List<Path> waiting(Path inbox) throws IOException {
        if (!Files.exists(inbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(inbox)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !inbox.relativize(p).toString().contains(".failed")).toList();
        }
    }
}
