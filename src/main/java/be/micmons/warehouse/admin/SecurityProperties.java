package be.micmons.warehouse.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The two accounts of DESIGN §4; a password left unset is generated at start and logged once. */
@ConfigurationProperties("mic.security")
public record SecurityProperties(@DefaultValue("admin") String adminUser, String adminPassword,
                                 @DefaultValue("viewer") String viewerUser, String viewerPassword) {}
