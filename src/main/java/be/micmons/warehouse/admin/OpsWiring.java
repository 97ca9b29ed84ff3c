package be.micmons.warehouse.admin;

import be.micmons.warehouse.ops.BackgroundWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lends the operations' threads to the features below the web layer, which only know {@link BackgroundWork}. */
@Configuration
public class OpsWiring {
    @Bean
    BackgroundWork backgroundWork(OpsExecutors executors) {
        return (what, task) -> executors.now(what, task::run);
    }
}
