package be.micmons.warehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.quartz.listeners.SchedulerListenerSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Found by the fault campaign (issue 17): Spring started the clustered Quartz scheduler before the
 * CamelContext, so a firing that an instance took while starting (a trigger recovered from a killed
 * instance, or simply due) failed with "No CamelContext could be found" and was lost: it ran nowhere.
 * The scheduler must start only once Camel runs (Camel's quartz component starts it then).
 */
class SchedulerStartTest extends WarehouseTest {
    static final AtomicReference<ServiceStatus> camelWhenQuartzStarted = new AtomicReference<>();

    @TestConfiguration
    static class WatchSchedulerStart {
        @Bean
        SchedulerFactoryBeanCustomizer recordCamelStatusAtSchedulerStart(ObjectProvider<CamelContext> camel) {
            return factory -> factory.setSchedulerListeners(new SchedulerListenerSupport() {
                @Override
                public void schedulerStarting() {
                    camelWhenQuartzStarted.set(camel.getObject().getStatus());
                }
            });
        }
    }

    @Autowired
    CamelContext camel;

    @Test
    void theNightlySchedulerStartsOnlyOnceCamelRuns() {
        assertThat(camelWhenQuartzStarted.get()).as("Camel's status when the Quartz scheduler started")
                .isEqualTo(ServiceStatus.Started);
        assertThat(camel.getStatus()).isEqualTo(ServiceStatus.Started);
    }
}
