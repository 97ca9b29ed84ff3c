package be.micmons.warehouse.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading a hostile file early: a line longer than the limit (so a 5 MB line is never held
 * whole in memory) or a NUL character (binary or UTF-16 content) ends the read with a clear reason.
 */
final class GuardedReader extends FilterReader {

    /** Why the file was refused; the message is for a person. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final int maxLineChars;
    private long line;
    private int lineChars;
    private boolean lastWasCr;

    GuardedReader(Reader in, int maxLineChars, long firstLine) {
        super(in);
        this.maxLineChars = maxLineChars;
        this.line = firstLine;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            check((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        int end = off + Math.max(n, 0);
        int chars = lineChars;
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (c > '\r') { // the usual character: no line end, no NUL; only the length to watch
                if (++chars > maxLineChars) {
                    lineChars = chars - 1;
                    check(c); // refuses the line
                }
                continue;
            }
            if (i > off) {
                lastWasCr = buf[i - 1] == '\r';
            }
            lineChars = chars;
            check(c);
            chars = lineChars;
        }
        lineChars = chars;
        if (end > off) {
            lastWasCr = buf[end - 1] == '\r';
        }
        return n;
    }

    private void check(char c) throws Refused {
        if (c == '\n') {
            if (!lastWasCr) {
                line++;
            }
            lineChars = 0;
            lastWasCr = false;
        } else if (c == '\r') {
            line++;
            lineChars = 0;
            lastWasCr = true;
        } else {
            lastWasCr = false;
            if (c == '\0') {
                throw new Refused("line " + line + " holds a NUL character: the file is binary or in UTF-16, not a CSV text file");
            }
            if (++lineChars > maxLineChars) {
                throw new Refused("line " + line + " is longer than " + maxLineChars
                        + " characters (mic.intake.max-line-chars); the file is not a CSV export of the expected kind");
            }
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
