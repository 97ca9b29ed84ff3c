package be.micmons.warehouse.console;

import be.micmons.warehouse.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says in the start-up log, once the app is ready, where the console is and who may sign in. */
@Component
class ConsoleAddress {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAddress.class);
    private final Environment env;
    private final SecurityProperties security;

    ConsoleAddress(Environment env, SecurityProperties security) {
        this.env = env;
        this.security = security;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        log.info("Console: {}/ (sign in as '{}' to look, '{}' to act; passwords: mic.security.viewer-password and"
                        + " mic.security.admin-password, else generated and logged above); API description: {}/v3/api-docs",
                base, security.viewerUser(), security.adminUser(), base);
    }
}
