package be.micmons.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Routes are read from the top-level {@code routes/} folder so operators can read and adjust them;
 * a jar started elsewhere falls back to the copies packaged inside it.
 */
public class RoutesLocation implements EnvironmentPostProcessor {
    static final String PROPERTY = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        if (env.containsProperty(PROPERTY)) {
            return;
        }
        String pattern = Files.isDirectory(Path.of("routes"))
                ? "file:routes/*.camel.yaml" : "classpath:defaults/routes/*.camel.yaml";
        env.getPropertySources().addLast(new MapPropertySource("mic-routes", Map.of(PROPERTY, pattern)));
    }
}
