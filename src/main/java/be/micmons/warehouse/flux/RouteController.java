package be.micmons.warehouse.flux;

import be.micmons.warehouse.api.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Camel routes (VIEWER) and their suspension (ADMIN): {@code /api/routes}. */
@RestController
public class RouteController {
    private final RouteBoard board;

    public RouteController(RouteBoard board) {
        this.board = board;
    }

    @GetMapping("/api/routes")
    public List<RouteBoard.RouteView> routes() {
        return board.routes();
    }

    @GetMapping("/api/routes/{id}")
    public RouteBoard.RouteView route(@PathVariable String id) {
        return known(id);
    }

    @PostMapping("/api/routes/{id}/suspend")
    public RouteBoard.RouteView suspend(@PathVariable String id) throws Exception {
        known(id);
        return board.suspend(id);
    }

    @PostMapping("/api/routes/{id}/resume")
    public RouteBoard.RouteView resume(@PathVariable String id) throws Exception {
        known(id);
        return board.resume(id);
    }

    private RouteBoard.RouteView known(String id) {
        return board.route(id).orElseThrow(() -> new NotFoundException("no route " + id + "; see GET /api/routes"));
    }
}
