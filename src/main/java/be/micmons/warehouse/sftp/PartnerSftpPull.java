package be.micmons.warehouse.sftp;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.incubators.PartnerRegistry;
import be.micmons.warehouse.intake.Pull;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pull "partners": fetches the files of every partner site whose YAML has an {@code sftp:} block
 * and imports each through the normal intake (same ledger, same archive, same dedup by content).
 */
@Component
public class PartnerSftpPull implements Pull {
    private static final Logger log = LoggerFactory.getLogger(PartnerSftpPull.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PartnerRegistry partners;
    private final MicProperties props;
    private final SftpFetcher fetcher;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public PartnerSftpPull(PartnerRegistry partners, MicProperties props, SftpFetcher fetcher) {
        this.partners = partners;
        this.props = props;
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return "partners";
    }

    @Override
    public boolean enabled() {
        try {
            return !sites().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Partner id -> its sftp block, for the partners that have one. */
    public Map<String, SftpSettings> sites() throws IOException {
        Map<String, SftpSettings> out = new LinkedHashMap<>();
        for (String id : partners.ids()) {
            Path yaml = props.partnersDir().resolve(id + ".yaml");
            if (!Files.isRegularFile(yaml)) {
                yaml = props.partnersDir().resolve(id + ".yml");
            }
            JsonNode sftp;
            try {
                sftp = YAML.readTree(yaml.toFile()).get("sftp");
            } catch (IOException e) {
                log.warn("Partner layout {} cannot be read: {}", yaml, e.getMessage());
                continue;
            }
            if (sftp != null && sftp.isObject()) {
                out.put(id, YAML.treeToValue(sftp, SftpSettings.class));
            }
        }
        return out;
    }

    @Override
    public List<Long> pull(String trigger) throws Exception {
        if (!oneAtATime.tryLock()) {
            throw new IllegalStateException("a partners pull is already running in this instance");
        }
        try {
            List<Long> ids = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, SftpSettings> site : sites().entrySet()) {
                String partner = site.getKey();
                List<String> problems = site.getValue().problems();
                if (!problems.isEmpty()) {
                    failures.add(partner + ": " + String.join("; ", problems));
                    continue;
                }
                try {
                    ids.addAll(fetcher.fetch(partner, site.getValue(), trigger));
                } catch (Exception e) {
                    log.warn("SFTP pull of partner {} failed: {}", partner, e.toString());
                    failures.add(partner + ": " + e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("SFTP pull failed for " + String.join(" | ", failures)
                        + (ids.isEmpty() ? "" : " (imports done meanwhile: " + ids + ")"));
            }
            return ids;
        } finally {
            oneAtATime.unlock();
        }
    }
}
