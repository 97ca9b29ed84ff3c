package be.micmons.warehouse.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hold rule (DESIGN §9): an import with more rows than {@code hold-factor} times the largest
 * earlier live import of its source and partner, and at least {@code hold-min-rows}, is HELD.
 */
@ConfigurationProperties("mic.intake")
public record HoldProperties(@DefaultValue("10") double holdFactor, @DefaultValue("1000") long holdMinRows) {
}
