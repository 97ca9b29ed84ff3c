package be.micmons.warehouse.incubators.sftp;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.incubators.PartnerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One {@code partner-sftp-<id>} route (template {@code partner-sftp}, routes/partners-sftp.camel.yaml)
 * per partner YAML with an {@code sftp:} block: added, replaced or removed by {@link #sync()} as the
 * YAML appears, changes or goes.
 */
@Component
public class PartnerSftpRoutes {
    private static final Logger log = LoggerFactory.getLogger(PartnerSftpRoutes.class);
    static final String TEMPLATE = "partner-sftp";
    static final String PREFIX = "partner-sftp-";

    private final CamelContext camel;
    private final PartnerRegistry partners;
    private final MicProperties props;
    private final Environment env;
    private final Map<String, Map<String, Object>> installed = new HashMap<>();
    /** Pinned keys as known_hosts files, written again before each poll (so a temporary folder will do). */
    private final Path pinnedKeys;

    public PartnerSftpRoutes(CamelContext camel, PartnerRegistry partners, MicProperties props, Environment env)
            throws IOException {
        this.camel = camel;
        this.partners = partners;
        this.props = props;
        this.env = env;
        this.pinnedKeys = Files.createTempDirectory("mic-sftp-pinned-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** A partner's sftp block, and what keeps it from being pulled (empty when it has its route). */
    public record Site(String partner, SftpSettings settings, List<String> problems) {}

    public static String routeId(String partner) {
        return PREFIX + partner;
    }

    /** Brings the routes in line with the partner YAMLs; returns every partner with an sftp block. */
    public synchronized List<Site> sync() throws Exception {
        List<Site> sites = new ArrayList<>();
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (var block : partners.blocks("sftp", SftpSettings.class).entrySet()) {
            String id = block.getKey();
            SftpSettings s = block.getValue();
            List<String> problems = new ArrayList<>(s.problems());
            String password = null;
            if (s.passwordEnv() != null && !s.passwordEnv().isBlank()) {
                password = env.getProperty(s.passwordEnv());
                if (password == null) {
                    problems.add("the environment variable " + s.passwordEnv() + " named by sftp.password-env is not set");
                }
            }
            if (problems.isEmpty()) {
                wanted.put(id, parameters(id, s, password));
            }
            sites.add(new Site(id, s, problems));
        }
        for (String id : List.copyOf(installed.keySet())) {
            if (!installed.get(id).equals(wanted.get(id))) {
                camel.getRouteController().stopRoute(routeId(id));
                camel.removeRoute(routeId(id));
                installed.remove(id);
                log.info("SFTP route {} removed ({})", routeId(id), wanted.containsKey(id) ? "its sftp block changed"
                        : "no sftp block any more");
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : wanted.entrySet()) {
            if (!installed.containsKey(e.getKey())) {
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId(e.getKey()))
                        .parameters(e.getValue()).add();
                installed.put(e.getKey(), e.getValue());
                log.info("SFTP route {} added for {}:{}", routeId(e.getKey()), e.getValue().get("host"),
                        e.getValue().get("port"));
            }
        }
        return sites;
    }

    /** The known_hosts file the route checks: the partner's own, or the one holding its pinned key. */
    Path knownHostsFile(String partner, SftpSettings s) {
        return s.hasKnownHosts() ? Path.of(s.knownHosts()) : pinnedKeys.resolve(partner + ".known_hosts");
    }

    /** {@code <inbox>/incubators/<id>/.sftp}: downloads land there (never watched by the file intake). */
    Path staging(String partner) {
        return props.inboxDir().resolve("incubators").resolve(partner).resolve(".sftp").toAbsolutePath();
    }

    private Map<String, Object> parameters(String partner, SftpSettings s, String password) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partner", partner);
        p.put("host", s.host());
        p.put("port", s.portOrDefault());
        p.put("directory", s.directory());
        p.put("username", s.user());
        if (password != null) {
            p.put("password", password);
        }
        if (s.privateKeyFile() != null && !s.privateKeyFile().isBlank()) {
            p.put("privateKeyFile", s.privateKeyFile());
        }
        p.put("knownHostsFile", knownHostsFile(partner, s).toString());
        p.put("include", s.patternOrDefault());
        p.put("delete", "delete".equals(s.afterOrDefault()));
        p.put("noop", "keep".equals(s.afterOrDefault()));
        if ("move".equals(s.afterOrDefault())) {
            p.put("move", s.moveExpression());
        }
        Files.createDirectories(staging(partner));
        p.put("localWorkDirectory", staging(partner).toString());
        return p;
    }
}
