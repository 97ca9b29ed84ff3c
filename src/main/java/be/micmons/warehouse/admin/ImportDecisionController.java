package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Withdraw a wrong file, approve a held one (DESIGN §9, ADMIN); the figures change at the answer. */
@RestController
public class ImportDecisionController {
    static final int MAX_REASON = 1000;
    private final ImportDecisions decisions;

    public ImportDecisionController(ImportDecisions decisions) {
        this.decisions = decisions;
    }

    /** Body: {"reason":"test export dropped by mistake"}. */
    public record WithdrawRequest(String reason) {}

    @PostMapping("/api/imports/{id}/withdraw")
    public Map<String, Object> withdraw(@PathVariable long id, @RequestBody(required = false) WithdrawRequest body) {
        Params.id(id, "import id");
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            throw new BadRequestException("a JSON body {\"reason\": \"…\"} saying why the import is withdrawn is required");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadRequestException("the reason is longer than " + MAX_REASON + " characters");
        }
        return answer(id, decisions.withdraw(id, reason), reason);
    }

    @PostMapping("/api/imports/{id}/approve")
    public Map<String, Object> approve(@PathVariable long id) {
        Params.id(id, "import id");
        return answer(id, decisions.approve(id), null);
    }

    private static Map<String, Object> answer(long id, String status, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("import", id);
        m.put("status", status);
        if (reason != null) {
            m.put("reason", reason);
        }
        m.put("location", "/api/imports/" + id);
        return m;
    }
}
