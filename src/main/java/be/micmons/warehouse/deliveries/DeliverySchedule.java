package be.micmons.warehouse.deliveries;

import be.micmons.warehouse.ConfigFiles;
import be.micmons.warehouse.layout.SourceLayout;
import be.micmons.warehouse.incubators.PartnerRegistry;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who is expected to deliver, and how often (DESIGN §14): the {@code deliveries:} block of each
 * partner layout, and {@code config/deliveries.yaml} for the exam providers and HR. Read at each
 * call, like the layouts, so a change needs no restart.
 */
@Component
public class DeliverySchedule {
    private static final Logger log = LoggerFactory.getLogger(DeliverySchedule.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> PROVIDERS = Set.of("prometric", "pearson-vue", "certiport", "exam-db");

    private final PartnerRegistry partners;
    private final Path file;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public DeliverySchedule(PartnerRegistry partners,
                            @Value("${mic.deliveries-file:./config/deliveries.yaml}") Path file) {
        this.partners = partners;
        this.file = file;
    }

    /** One expected deliverer: partner null for hr. */
    public record Expected(String source, String partner, Cadence cadence) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String every, @JsonProperty("due-days") Integer dueDays) {
    }

    public List<Expected> all() {
        List<Expected> out = new ArrayList<>();
        try {
            for (String id : partners.ids()) {
                SourceLayout.Deliveries d;
                try {
                    d = partners.layout(id).deliveries();
                } catch (Exception e) {
                    continue; // a broken layout is said by its imports
                }
                if (d != null) {
                    cadence("partner layout " + id, d.every(), d.dueDays())
                            .ifPresent(c -> out.add(new Expected("incubators", id, c)));
                }
            }
        } catch (IOException e) {
            warnOnce("partners", "The partner layouts cannot be listed: " + e.getMessage());
        }
        for (Map.Entry<String, Entry> e : sources().entrySet()) {
            String key = e.getKey();
            if (!"hr".equals(key) && !PROVIDERS.contains(key)) {
                warnOnce(key, file + ": '" + key + "' is neither hr nor an exam provider " + PROVIDERS + "; ignored");
                continue;
            }
            Entry v = e.getValue();
            cadence(file + " " + key, v == null ? null : v.every(), v == null ? null : v.dueDays())
                    .ifPresent(c -> out.add("hr".equals(key) ? new Expected("hr", null, c) : new Expected("exams", key, c)));
        }
        return out;
    }

    private Map<String, Entry> sources() {
        try (InputStream in = ConfigFiles.open(file)) {
            Map<String, Entry> m = YAML.readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() {
            });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            warnOnce("file", "No expected deliveries for the exam providers and HR: " + e.getMessage());
            return Map.of();
        }
    }

    private java.util.Optional<Cadence> cadence(String where, String every, Integer dueDays) {
        try {
            return java.util.Optional.of(Cadence.of(every, dueDays));
        } catch (IllegalArgumentException e) {
            warnOnce(where + e.getMessage(), where + ": deliveries " + e.getMessage() + "; this cadence is ignored");
            return java.util.Optional.empty();
        }
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            log.warn(message);
        }
    }
}
