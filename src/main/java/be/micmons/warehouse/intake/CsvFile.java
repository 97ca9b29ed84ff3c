package be.micmons.warehouse.intake;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * A delimited file read as a stream of rows with their physical line numbers: the charset is
 * decoded strictly, a UTF-8 BOM is skipped, lines above the header line are ignored.
 * Every problem that makes the whole file unreadable becomes a {@link FileRejectedException}.
 */
public final class CsvFile implements Closeable {

    /** One data row: its first physical line in the file and its raw (untrimmed) values. */
    public record Row(long lineNo, List<String> values) {
        public String get(int index) {
            return index >= 0 && index < values.size() ? values.get(index) : null;
        }

        /** The values joined back with the delimiter, for line-level patterns such as total rows. */
        public String joined(char delimiter) {
            return String.join(String.valueOf(delimiter), values);
        }

        public boolean isBlank() {
            for (String v : values) { // once per row: a loop, not a stream
                if (v != null && !v.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String fileName;
    private final CsvReader<CsvRecord> parser;
    private final Iterator<CsvRecord> records;
    private long lastLine;
    private final long skippedLines;
    private final List<String> header;
    private final long headerLineNo;

    private CsvFile(String fileName, Reader decoded, char delimiter, int headerLine, int maxLineChars)
            throws IOException, FileRejectedException {
        this.fileName = fileName;
        this.skippedLines = skipLines(decoded, headerLine - 1);
        Reader reader = new GuardedReader(decoded, maxLineChars, skippedLines + 1);
        // FastCSV: RFC 4180 quoting, every physical line counted (CR, LF or CRLF), no comment lines
        this.parser = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(false)
                .ignoreDifferentFieldCount(true)
                .detectBomHeader(false)
                .ofCsvRecord(reader);
        this.records = parser.iterator();
        Row first = nextRow();
        if (first == null) {
            throw new FileRejectedException("The file " + fileName + " is empty"
                    + (headerLine > 1 ? " (no header on line " + headerLine + ")" : "") + ".");
        }
        this.headerLineNo = first.lineNo();
        List<String> h = new ArrayList<>(first.values());
        if (!h.isEmpty() && h.get(0) != null && h.get(0).startsWith("\uFEFF")) {
            h.set(0, h.get(0).substring(1));
        }
        this.header = List.copyOf(h);
    }

    /** Opens a file ({@code headerLine} is 1-based), refusing it when a line is longer than {@code maxLineChars}. */
    public static CsvFile open(Path file, Charset charset, char delimiter, int headerLine, int maxLineChars)
            throws IOException, FileRejectedException {
        String name = file.getFileName().toString();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            skipBomOrReject(in, name);
            Reader reader = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            return new CsvFile(name, reader, delimiter, headerLine, maxLineChars);
        } catch (IOException | FileRejectedException | RuntimeException e) {
            in.close();
            throw translate(name, e);
        }
    }

    private static void skipBomOrReject(InputStream in, String name) throws IOException, FileRejectedException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return;
        }
        in.reset();
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0 || b1 == 0)) {
            throw new FileRejectedException("The file " + name + " is in UTF-16 or is binary; "
                    + "save it as CSV in UTF-8 or in the charset configured for its source.");
        }
        if (b0 == -1) {
            throw new FileRejectedException("The file " + name + " is empty.");
        }
    }

    /** Skips whole lines (LF, CRLF or CR) before the header; returns how many were skipped. */
    private static long skipLines(Reader reader, int lines) throws IOException {
        if (lines <= 0) {
            return 0;
        }
        long skipped = 0;
        boolean lastWasCr = false;
        while (skipped < lines) {
            int c = reader.read();
            if (c == -1) {
                return skipped;
            }
            if (c == '\n') {
                if (!lastWasCr) {
                    skipped++;
                }
                lastWasCr = false;
            } else if (c == '\r') {
                skipped++;
                lastWasCr = true;
            } else {
                lastWasCr = false;
            }
        }
        if (lastWasCr) { // a CRLF's LF belongs to the line just skipped
            reader.mark(1);
            if (reader.read() != '\n') {
                reader.reset();
            }
        }
        return skipped;
    }

    public List<String> header() {
        return header;
    }

    public long headerLineNo() {
        return headerLineNo;
    }

    /** The next row, or null at the end. */
    public Row nextRow() throws FileRejectedException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord r = records.next();
            lastLine = r.getStartingLineNumber();
            if (!records.hasNext() && spansLines(r)) { // the last row (the parse error of a next one rejects the file anyway)
                // FastCSV reads an unclosed quote to the end of the file: refuse rather than swallow rows
                throw new FileRejectedException("The file " + fileName + " cannot be read as CSV: line "
                        + (skippedLines + lastLine) + " opens a quote \" that is never closed, so every line after it"
                        + " would be read as one value.");
            }
            return new Row(skippedLines + lastLine, r.getFields());
        } catch (UncheckedIOException | CsvParseException | IllegalStateException | NoSuchElementException e) {
            throw translate(fileName, e, skippedLines + lastLine + 1);
        }
    }

    private static boolean spansLines(CsvRecord r) {
        for (int i = 0; i < r.getFieldCount(); i++) {
            String f = r.getField(i);
            if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                return true;
            }
        }
        return false;
    }

    private static FileRejectedException translate(String name, Exception e, long line) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof GuardedReader.Refused refused) {
            return new FileRejectedException("The file " + name + " was not imported: " + refused.getMessage() + ".", e);
        }
        if (cause instanceof CharacterCodingException) {
            return new FileRejectedException("The file " + name + " is not in the expected character set: line "
                    + line + " holds bytes that are not valid text in that charset. Save it in the configured charset (UTF-8 unless configured otherwise).", e);
        }
        return new FileRejectedException("The file " + name + " cannot be read as CSV from line " + line
                + ": " + cause.getMessage() + " (often an unclosed quote \").", e);
    }

    private static IOException translate(String name, Exception e) throws FileRejectedException {
        if (e instanceof FileRejectedException fre) {
            throw fre;
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof GuardedReader.Refused refused) {
            throw new FileRejectedException("The file " + name + " was not imported: " + refused.getMessage() + ".", e);
        }
        if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
            throw new FileRejectedException("The file " + name + " is not in the expected character set; "
                    + "save it in the configured charset (UTF-8 unless configured otherwise).", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
