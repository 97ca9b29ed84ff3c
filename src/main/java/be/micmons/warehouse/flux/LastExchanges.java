package be.micmons.warehouse.flux;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/** When each route last finished an exchange (camel-micrometer keeps that for the whole context only). */
@Component
public class LastExchanges extends EventNotifierSupport {
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public LastExchanges() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event.getType() == CamelEvent.Type.ExchangeCompleted || event.getType() == CamelEvent.Type.ExchangeFailed;
    }

    @Override
    public void notify(CamelEvent event) {
        String route = ((ExchangeEvent) event).getExchange().getFromRouteId();
        if (route != null) {
            last.put(route, Instant.now());
        }
    }

    Instant of(String routeId) {
        return last.get(routeId);
    }
}
