package be.micmons.warehouse.hr;

import be.micmons.warehouse.hr.HrApiClient.HrApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The last step of the {@code hr-api-page} route: hands the answer's stream, capped at
 * {@code mic.hr-api.max-page-bytes}, to the pull's {@link HrApiClient.PageTarget} and leaves what
 * the page said as the body. Every failure becomes an {@link HrApiException} (never an IOException,
 * which the route would retry: half a page is already staged).
 */
@Component("hrApiPageReader")
public class HrApiPageReader {

    public void read(Exchange exchange) throws HrApiException {
        HrApiClient.PageTarget target = exchange.getProperty(HrApiClient.TARGET, HrApiClient.PageTarget.class);
        String label = exchange.getProperty(HrApiClient.LABEL, "the page", String.class);
        long max = exchange.getProperty(HrApiClient.MAX_BYTES, Long.class);
        Long length = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (length != null && length > max) {
            throw tooLarge(label, max, "announces " + DataSize.ofBytes(length).toMegabytes() + " MB");
        }
        InputStream body = exchange.getIn().getBody(InputStream.class);
        try (InputStream in = new Capped(body == null ? InputStream.nullInputStream() : body, max)) {
            exchange.getIn().setBody(target.read(in));
        } catch (PageTooLarge e) {
            throw tooLarge(label, max, "goes on past it");
        } catch (ApiPage.NotAPage e) {
            throw new HrApiException("The HR API's answer for " + label + " is not the expected"
                    + " {\"items\":[...],\"next_page\":n|null}: " + e.getMessage() + ". Nothing was loaded.");
        } catch (IOException e) {
            throw new HrApiException("The connection to the HR API broke while " + label + " was read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "). Nothing was loaded; the next pull starts from the same point.", e);
        }
    }

    private static HrApiException tooLarge(String label, long max, String how) {
        return new HrApiException("The HR API's answer for " + label + " is larger than mic.hr-api.max-page-bytes ("
                + DataSize.ofBytes(max).toMegabytes() + " MB): it " + how + ". Ask the HR system for smaller pages or raise"
                + " the limit. Nothing was loaded.");
    }

    /** The stream went past the page limit. */
    static final class PageTooLarge extends IOException {
        PageTooLarge() {
            super("page limit reached");
        }
    }

    /** Fails once more than {@code max} bytes were read. */
    static final class Capped extends FilterInputStream {
        private final long max;
        private long count;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private int counted(int n) throws PageTooLarge {
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new PageTooLarge();
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(super.read(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            return counted((int) super.skip(Math.min(n, Integer.MAX_VALUE)));
        }
    }
}
