package be.micmons.warehouse.console;

import be.micmons.warehouse.flux.RouteBoard;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Page "Flux": every Camel route, its state and statistics; ADMIN suspends and resumes (via /api/routes). */
@Controller
public class FluxController {
    private final RouteBoard board;

    public FluxController(RouteBoard board) {
        this.board = board;
    }

    @GetMapping("/console/flux")
    public String flux(Model model) {
        model.addAttribute("routes", board.routes());
        return "console/flux";
    }
}
