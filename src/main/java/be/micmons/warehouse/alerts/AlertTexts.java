package be.micmons.warehouse.alerts;

import be.micmons.warehouse.deliveries.Deliveries;
import be.micmons.warehouse.incubators.PartnerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The French subject and body of each alert: what happened, to which file and partner, why, and
 * the console page to look at. Only ledger fields are named (file names, reason codes, line
 * numbers, counts): never a value of a row.
 */
@Component
public class AlertTexts {
    private static final String PREFIX = "[Entrepôt MIC] ";

    private final AlertProperties props;
    private final PartnerRegistry partners;

    public AlertTexts(AlertProperties props, PartnerRegistry partners) {
        this.props = props;
        this.partners = partners;
    }

    AlertService.Alert failedFile(Map<String, Object> r) {
        long id = ((Number) r.get("id")).longValue();
        String file = (String) r.get("file_name");
        String who = who((String) r.get("source"), (String) r.get("partner"));
        return new AlertService.Alert("IMPORT_FAILED", (String) r.get("cause_key"),
                PREFIX + "Fichier refusé : " + file + " — " + who,
                "Le fichier « " + file + " » de " + who + " n'a pas pu être importé (import n° " + id + ", reçu le "
                        + AlertWatch.when(r.get("received_at")) + ").\n\n"
                        + "Raison : " + r.get("message") + "\n\n"
                        + "Rien de ce fichier n'est compté. Il a été mis de côté dans le dossier .failed/ de sa boîte de"
                        + " dépôt, avec « " + file + ".errors.txt » qui explique pourquoi. Corrigez le fichier (ou la"
                        + " configuration du partenaire) puis déposez-le à nouveau ou réimportez-le.\n\n"
                        + "Détail : " + props.link("/console/imports/" + id) + "\n" + footer());
    }

    AlertService.Alert fileWithErrors(Map<String, Object> r) {
        long id = ((Number) r.get("id")).longValue();
        String file = (String) r.get("file_name");
        String who = who((String) r.get("source"), (String) r.get("partner"));
        long rejected = ((Number) r.get("rows_rejected")).longValue();
        return new AlertService.Alert("IMPORT_ERRORS", (String) r.get("cause_key"),
                PREFIX + "Lignes refusées : " + file + " — " + who + ", " + rejected + " ligne(s)",
                "Le fichier « " + file + " » de " + who + " a été importé (import n° " + id + ") mais " + rejected
                        + " ligne(s) sur " + r.get("rows_read") + " ont été refusées et ne sont pas comptées.\n\n"
                        + "Raisons : " + r.get("reasons") + "\n"
                        + "Premières lignes concernées : " + r.get("lines") + "\n\n"
                        + "Les autres lignes sont comptées. Le détail de chaque ligne refusée (champ, raison) est dans"
                        + " la console : " + props.link("/console/imports/" + id) + "\n" + footer());
    }

    AlertService.Alert nightly(Map<String, Object> r, Duration lateAfter) {
        long id = ((Number) r.get("id")).longValue();
        String when = AlertWatch.when(r.get("scheduled_for"));
        boolean failed = "NIGHTLY_FAILED".equals(r.get("kind"));
        String subject = failed ? "Traitement de nuit en échec (" + when + ")"
                : "Traitement de nuit non terminé " + hours(lateAfter) + " après son heure (" + when + ")";
        String body = failed
                ? "Le traitement de nuit n° " + id + " prévu le " + when + " s'est terminé en échec.\n\nCe qui s'est passé : "
                        + r.get("message") + "\n\n"
                : "Le traitement de nuit n° " + id + " prévu le " + when + " n'est toujours pas terminé " + hours(lateAfter)
                        + " après son heure (instance " + r.get("node") + ").\n\n";
        return new AlertService.Alert((String) r.get("kind"), r.get("kind") + ":" + id, PREFIX + subject,
                body + "Les collectes et leurs imports : " + props.link("/console/imports") + "\n" + footer());
    }

    AlertService.Alert nightlyNotStarted(Instant scheduled, Duration lateAfter) {
        String when = AlertWatch.when(scheduled);
        return new AlertService.Alert("NIGHTLY_LATE", "NIGHTLY_LATE:" + scheduled,
                PREFIX + "Traitement de nuit non lancé (" + when + ")",
                "Le traitement de nuit prévu le " + when + " n'a pas démarré, " + hours(lateAfter)
                        + " après son heure : aucune instance ne l'a exécuté (application arrêtée ? planificateur ?).\n\n"
                        + "Il peut être lancé à la main depuis la console : " + props.link("/console/imports") + "\n"
                        + footer());
    }

    AlertService.Alert held(Map<String, Object> r) {
        long id = ((Number) r.get("id")).longValue();
        String file = (String) r.get("file_name");
        String who = who((String) r.get("source"), (String) r.get("partner"));
        return new AlertService.Alert("IMPORT_HELD", "IMPORT_HELD:" + id,
                PREFIX + "Import en attente de décision : " + file + " — " + who,
                "Le fichier « " + file + " » de " + who + " (import n° " + id + ", " + r.get("rows_read")
                        + " lignes) est chargé mais retenu : il ne compte pas tant qu'un administrateur ne l'a pas"
                        + " approuvé.\n\nRaison : " + r.get("message") + "\n\n"
                        + "Décider : " + props.link("/console/imports/" + id) + "\n" + footer());
    }

    AlertService.Alert missing(Deliveries.Delivery d) {
        String who = who(d.source(), d.partner());
        return new AlertService.Alert("DELIVERY_MISSING",
                "DELIVERY_MISSING:" + d.source() + ":" + (d.partner() == null ? "" : d.partner()) + ":" + d.period(),
                PREFIX + "Livraison manquante : " + who + ", période " + d.period(),
                "Aucun fichier valide de " + who + " n'est arrivé pour la période " + d.period() + " (du "
                        + d.firstDay().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " au "
                        + d.lastDay().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                        + "), attendu au plus tard le "
                        + d.dueOn().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ".\n\n"
                        + "Les chiffres de cette période peuvent être incomplets. Livraisons : "
                        + props.link("/console/deliveries") + "\n" + footer());
    }

    AlertService.Alert outage(Instant from, Instant back) {
        Duration d = Duration.between(from, back);
        String length = d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
        return new AlertService.Alert("WAREHOUSE_OUTAGE", "WAREHOUSE_OUTAGE:" + from,
                PREFIX + "Entrepôt injoignable pendant " + length,
                "La base de l'entrepôt n'a pas répondu du " + AlertWatch.when(from) + " au " + AlertWatch.when(back)
                        + " (" + length + ").\n\n"
                        + "Pendant ce temps les fichiers sont restés dans la boîte de dépôt ; ils sont importés maintenant"
                        + " qu'elle répond. État : " + props.link("/console/imports") + "\n" + footer());
    }

    private String who(String source, String partner) {
        if ("incubators".equals(source)) {
            try {
                String name = partners.layout(partner).name();
                return name == null || name.isBlank() ? "partenaire " + partner : name + " (" + partner + ")";
            } catch (Exception e) {
                return "partenaire " + partner;
            }
        }
        if ("exams".equals(source)) {
            return "fournisseur d'examens " + partner;
        }
        return "source RH";
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private String footer() {
        return "\n-- \nAlerte envoyée une seule fois par l'entrepôt de la convention MIC Mons.";
    }
}
