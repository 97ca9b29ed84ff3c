package be.micmons.warehouse.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The JSON a security filter answers with when it stops a request before any controller runs. */
final class Refusal {
    private Refusal() {
    }

    /** Writes {"status":…,"error":…,"message":…}, the shape of the API's other errors. */
    static void send(HttpServletResponse response, int status, String error, String message) throws IOException {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + new String(json.quoteAsString(error))
                + "\",\"message\":\"" + new String(json.quoteAsString(message)) + "\"}");
    }
}
