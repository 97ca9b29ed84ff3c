package be.micmons.warehouse.hr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data for HR declarations: valid NISS numbers, CSV lines and API items. */
final class HrFixtures {
    static final String HEADER = "declaration_id;action;employer_enterprise_number;employer_name;worker_niss;"
            + "contract_type;fte;start_date;end_date;job_title;declared_at";

    private HrFixtures() {
    }

    /** A valid NISS of someone born before 2000 (yymmdd + serial), spelled 85.07.30-033.61. */
    static String niss(String yymmdd, int serial) {
        String first9 = yymmdd + String.format("%03d", serial);
        long check = 97 - Long.parseLong(first9) % 97;
        return format(first9, check);
    }

    /** A valid NISS of someone born from 2000. */
    static String niss2000(String yymmdd, int serial) {
        String first9 = yymmdd + String.format("%03d", serial);
        long check = 97 - (2_000_000_000L + Long.parseLong(first9)) % 97;
        return format(first9, check);
    }

    /** The same number with wrong check digits. */
    static String invalid(String niss) {
        String d = niss.replaceAll("\\D", "");
        int check = (Integer.parseInt(d.substring(9)) + 1) % 100;
        return format(d.substring(0, 9), check);
    }

    private static String format(String first9, long check) {
        return first9.substring(0, 2) + "." + first9.substring(2, 4) + "." + first9.substring(4, 6) + "-"
                + first9.substring(6, 9) + "." + String.format("%02d", check);
    }

    /** One declaration; dates ISO yyyy-MM-dd, fte with a dot. */
    record Decl(String id, String action, String employer, String niss, String type, String fte,
                String start, String end, String declaredAt) {

        /** As a CSV line: dd/MM/yyyy and a decimal comma. */
        String csv() {
            return String.join(";", id, action, nz(employer), "Employer " + nz(employer), nz(niss), nz(type),
                    fte == null ? "" : fte.replace('.', ','), csvDate(start), csvDate(end), "Developer", declaredAt);
        }

        /** As an API item. */
        Map<String, Object> item() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("declaration_id", id);
            m.put("action", action);
            m.put("employer_enterprise_number", employer);
            m.put("employer_name", employer == null ? null : "Employer " + employer);
            m.put("worker_niss", niss);
            m.put("contract_type", type);
            m.put("fte", fte == null ? null : Double.valueOf(fte));
            m.put("start_date", start);
            m.put("end_date", end);
            m.put("job_title", "Developer");
            m.put("declared_at", declaredAt);
            return m;
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        private static String csvDate(String iso) {
            if (iso == null) {
                return "";
            }
            String[] p = iso.split("-");
            return p[2] + "/" + p[1] + "/" + p[0];
        }
    }

    static Decl in(String id, String employer, String niss, String type, String fte, String start, String declaredAt) {
        return new Decl(id, "IN", employer, niss, type, fte, start, null, declaredAt);
    }

    static Decl update(String id, String employer, String niss, String type, String fte, String start, String declaredAt) {
        return new Decl(id, "UPDATE", employer, niss, type, fte, start, null, declaredAt);
    }

    static Decl out(String id, String end, String declaredAt) {
        return new Decl(id, "OUT", null, null, null, null, null, end, declaredAt);
    }

    static Decl cancel(String id, String declaredAt) {
        return new Decl(id, "CANCEL", null, null, null, null, null, null, declaredAt);
    }

    static String csv(List<Decl> decls) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        decls.forEach(d -> lines.add(d.csv()));
        return String.join("\n", lines) + "\n";
    }

    /** A mons-mic partner file (its shipped layout) with the given start-ups: name;enterprise number;founded. */
    static String startups(String... nameEnFounded) {
        StringBuilder b = new StringBuilder("Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status\n");
        for (String s : nameEnFounded) {
            String[] p = s.split(";");
            b.append(p[0]).append(";SPRL;").append(p[1]).append(';').append(p[2]).append(";7000;Mons;web;Boostcamp;created\n");
        }
        return b.toString();
    }
}
