package be.micmons.warehouse.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The SMTP server of the tests: an in-process GreenMail on a free port, one per test JVM, so that
 * the alerts (DESIGN §15) are mailed for real in every test context. {@link #stop()} and
 * {@link #start()} play an SMTP server that goes away and comes back on the same port.
 */
public final class TestMail {
    public static final String FROM = "entrepot@mic-mons.test";
    public static final String TO = "suivi@mic-mons.test, direction@mic-mons.test";

    private static GreenMail server = started(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    private static final int PORT = server.getSmtp().getPort();

    private TestMail() {
    }

    private static GreenMail started(ServerSetup setup) {
        GreenMail g = new GreenMail(setup);
        g.start();
        return g;
    }

    /** The alert settings of the test context; checks and retries are fast. */
    static void properties(DynamicPropertyRegistry r) {
        r.add("mic.alerts.smtp.host", () -> "127.0.0.1");
        r.add("mic.alerts.smtp.port", () -> PORT);
        r.add("mic.alerts.mail-from", () -> FROM);
        r.add("mic.alerts.mail-to", () -> TO);
        r.add("mic.alerts.console-url", () -> "http://mic.test:8080");
        r.add("mic.alerts.check-interval", () -> "1s");
        r.add("mic.alerts.send-interval", () -> "1s");
        r.add("mic.alerts.settle", () -> "0s");
        r.add("mic.alerts.retry-delay", () -> "1s");
        r.add("mic.alerts.smtp.redeliveries", () -> "1");
    }

    public static synchronized GreenMail server() {
        return server;
    }

    /** The SMTP server goes away: connections to its port are refused. */
    public static synchronized void stop() {
        server.stop();
    }

    /** It comes back on the same port, with an empty mailbox. */
    public static synchronized void start() {
        server = started(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
