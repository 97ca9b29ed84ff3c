package be.micmons.warehouse.nightly;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The nightly run (DESIGN §4): a Quartz cron ({@code mic.nightly.cron}, seconds first) in
 * {@code mic.nightly.zone}. The route routes/nightly.camel.yaml reads the same keys.
 */
@ConfigurationProperties("mic.nightly")
public record NightlyProperties(@DefaultValue("0 0 2 * * ?") String cron,
                                @DefaultValue("Europe/Brussels") ZoneId zone) {}
