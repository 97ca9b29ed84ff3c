package be.micmons.warehouse.hr;

import java.io.IOException;
import java.util.List;

/**
 * The test HR API ({@link HrApiStub}, a real HTTP server on 127.0.0.1) and HR declarations for tests
 * outside this package (the process-level fault campaign): CDI contracts opened (IN) by a start-up.
 */
public final class HrApiServer implements AutoCloseable {
    public static final String CSV_HEADER = HrFixtures.HEADER;

    private final HrApiStub stub;

    public HrApiServer(int pageSize) throws IOException {
        stub = new HrApiStub();
        stub.pageSize = pageSize;
    }

    public String url() {
        return stub.url();
    }

    public String token() {
        return stub.token;
    }

    /** Requests answered so far. */
    public int requests() {
        return stub.requests.size();
    }

    /** Serves one more declaration from now on: a CDI of the worker at the employer (enterprise number). */
    public void serveIn(String id, String employer, String niss, String fte, String start, String declaredAt) {
        stub.serve(List.of(HrFixtures.in(id, employer, niss, "CDI", fte, start, declaredAt)));
    }

    /** The same declaration as a line of an HR CSV drop. */
    public static String csvIn(String id, String employer, String niss, String fte, String start, String declaredAt) {
        return HrFixtures.in(id, employer, niss, "CDI", fte, start, declaredAt).csv() + "\n";
    }

    /** A valid NISS of someone born before 2000. */
    public static String niss(String yymmdd, int serial) {
        return HrFixtures.niss(yymmdd, serial);
    }

    @Override
    public void close() {
        stub.close();
    }
}
