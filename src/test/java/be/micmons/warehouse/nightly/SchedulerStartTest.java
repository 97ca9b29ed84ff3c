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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;

/**
 * Found by the fault campaign (issue 17): Spring started the clustered Quartz scheduler before the
 * CamelContext, so a firing that an instance took while starting (a trigger recovered from a killed
 * instance, or simply due) failed with "No CamelContext could be found" and was lost: it ran nowhere.
 * The scheduler must start only once Camel runs (Camel's quartz component starts it then).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // a context of its own (it watches the scheduler start): closed once done
class SchedulerStartTest {
    /**
     * The shared test settings, but a warehouse of its own: a second embedded PostgreSQL on the
     * shared data directory would stop the one of the context every other test class uses.
     */
    @DynamicPropertySource
    static void ownWarehouse(DynamicPropertyRegistry r) {
        WarehouseTest.warehouseProperties(r);
        r.add("mic.embedded.data-dir", () -> java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "mic-scheduler-start-" + ProcessHandle.current().pid()).toString());
    }

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
