package be.micmons.warehouse.flux;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * Every Camel route with the figures camel-micrometer's route policy keeps for it (the same ones
 * as in /actuator/prometheus), and suspend / resume: console page Flux and {@code /api/routes}.
 */
@Component
public class RouteBoard {
    private final CamelContext camel;
    private final MeterRegistry meters;
    private final LastExchanges lastExchanges;

    public RouteBoard(CamelContext camel, MeterRegistry meters, LastExchanges lastExchanges) {
        this.camel = camel;
        this.meters = meters;
        this.lastExchanges = lastExchanges;
    }

    /** One route as an operator sees it. */
    public record RouteView(String id, String description, String from, String state, long exchanges, long failures,
                            long meanMillis, OffsetDateTime lastExchange) {}

    public List<RouteView> routes() {
        return camel.getRoutes().stream().map(this::view).sorted(Comparator.comparing(RouteView::id)).toList();
    }

    public Optional<RouteView> route(String id) {
        return Optional.ofNullable(camel.getRoute(id)).map(this::view);
    }

    /** Suspends the route (a consumer that cannot be suspended is stopped); its data waits where it is. */
    public RouteView suspend(String id) throws Exception {
        camel.getRouteController().suspendRoute(id);
        return route(id).orElseThrow();
    }

    public RouteView resume(String id) throws Exception {
        if (camel.getRouteController().getRouteStatus(id) == ServiceStatus.Stopped) {
            camel.getRouteController().startRoute(id);
        } else {
            camel.getRouteController().resumeRoute(id);
        }
        return route(id).orElseThrow();
    }

    private RouteView view(Route r) {
        String id = r.getRouteId();
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        Collection<Timer> timers = meters.find("camel.route.policy").tag("routeId", id).timers();
        long count = timers.stream().mapToLong(Timer::count).sum();
        double totalMs = timers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
        Instant last = lastExchanges.of(id);
        OffsetDateTime lastAt = last == null ? null : last.atOffset(ZoneOffset.UTC);
        return new RouteView(id, r.getDescription(), r.getEndpoint().getEndpointBaseUri(),
                status == null ? "Unknown" : status.name(), counter("camel.exchanges.total", id),
                counter("camel.exchanges.failed", id), count == 0 ? 0 : Math.round(totalMs / count), lastAt);
    }

    private long counter(String name, String routeId) {
        return (long) meters.find(name).tag("routeId", routeId).counters().stream().mapToDouble(Counter::count).sum();
    }
}
