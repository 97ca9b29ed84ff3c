package be.micmons.warehouse.hr;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The camel-http client of the HR API pull (the only user of the http and https components):
 * {@code mic.hr-api.connect-timeout} and {@code request-timeout}, no hidden retries inside the
 * client (the route's redelivery is the one retry policy) and no redirects followed.
 */
@Configuration(proxyBeanMethods = false)
class HrApiTransport {

    @Bean
    ComponentCustomizer hrApiHttpTimeouts(HrApiProperties props) {
        return ComponentCustomizer.forType(HttpComponent.class, http -> {
            http.setConnectTimeout(props.connectTimeout().toMillis());
            http.setResponseTimeout(props.requestTimeout().toMillis());
            http.setSoTimeout(props.requestTimeout().toMillis());
            http.setAutomaticRetriesDisabled(true);
            http.setRedirectHandlingDisabled(true);
            http.setFollowRedirects(false);
        });
    }
}
