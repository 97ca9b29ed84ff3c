package be.micmons.warehouse.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts by mail (DESIGN §15), {@code mic.alerts.*}. No SMTP host = alerts off. The route
 * routes/alerts.camel.yaml reads the same keys.
 */
@ConfigurationProperties("mic.alerts")
public record AlertProperties(@DefaultValue Smtp smtp,
                              String mailFrom,
                              String mailTo,
                              @DefaultValue("http://localhost:8080") String consoleUrl,
                              @DefaultValue("6h") Duration nightlyLateAfter,
                              @DefaultValue("5m") Duration outageAfter,
                              @DefaultValue("1m") Duration checkInterval,
                              @DefaultValue("2m") Duration settle,
                              @DefaultValue("7d") Duration lookback,
                              @DefaultValue("1m") Duration retryDelay) {

    public record Smtp(String host, @DefaultValue("25") int port, String username, String password) {}

    public boolean enabled() {
        return smtp != null && smtp.host() != null && !smtp.host().isBlank();
    }

    public List<String> recipients() {
        return mailTo == null ? List.of() : Arrays.stream(mailTo.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A console page as a full link, for the mails. */
    public String link(String path) {
        String base = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
        return base + path;
    }
}
