package be.micmons.warehouse.bench;

import be.micmons.warehouse.support.PrometricExports;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * Standalone harness (README, "Camel CSV on the exam path"): reads a Prometric export of N rows with
 * today's FastCSV reader (as intake/CsvFile configures it) and with camel-csv's data format
 * (lazyLoad, commons-csv underneath), touching every field, and prints rows/s; then reads a small
 * file whose quoted field spans two lines to see which physical line each record is given.
 * Run: java -cp target/test-classes:target/classes:$(cat cp.txt) be.micmons.warehouse.bench.CsvReaderBench 1000000
 */
public final class CsvReaderBench {
    private CsvReaderBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("csv-bench-");
        Path export = PrometricExports.write(dir.resolve("prometric.csv"), rows, 2011);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            CsvDataFormat camelCsv = new CsvDataFormat();
            camelCsv.setLazyLoad(true);
            camelCsv.setDelimiter(',');
            camelCsv.start();
            for (int run = 1; run <= runs; run++) {
                time("fastcsv", rows, () -> fastCsv(export));
                time("camel-csv", rows, () -> camelCsv(camel, camelCsv, export));
            }
            Path multiLine = dir.resolve("multi-line.csv");
            Files.writeString(multiLine, "a,b\n1,\"two\nlines\"\n3,x\n");
            System.out.println("physical start line of each record, file: header=1, \"1,two<LF>lines\"=2, \"3,x\"=4");
            System.out.println("  fastcsv   " + fastCsvLines(multiLine));
            System.out.println("  camel-csv " + camelCsvLines(camel, camelCsv, multiLine)
                    + " (List<String> records carry no line; the count of records read stands in for it)");
        }
    }

    private interface Read {
        long chars() throws Exception;
    }

    private static void time(String what, int rows, Read read) throws Exception {
        long t0 = System.nanoTime();
        long chars = read.chars();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-10s rows=%d chars=%d seconds=%.2f rows_per_s=%.0f%n", what, rows, chars, s, rows / s);
    }

    private static CsvReader<CsvRecord> fastReader(Reader in) {
        return CsvReader.builder().fieldSeparator(',').quoteCharacter('"').commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(false).ignoreDifferentFieldCount(true).detectBomHeader(false).ofCsvRecord(in);
    }

    private static long fastCsv(Path file) throws Exception {
        long chars = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader<CsvRecord> r = fastReader(in)) {
            for (CsvRecord rec : r) {
                for (int i = 0; i < rec.getFieldCount(); i++) {
                    chars += rec.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static List<Long> fastCsvLines(Path file) throws Exception {
        List<Long> lines = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader<CsvRecord> r = fastReader(in)) {
            for (CsvRecord rec : r) {
                lines.add(rec.getStartingLineNumber());
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Iterator<List<String>> camelRecords(CamelContext camel, CsvDataFormat csv, InputStream in)
            throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        return (Iterator<List<String>>) csv.unmarshal(exchange, in);
    }

    private static long camelCsv(CamelContext camel, CsvDataFormat csv, Path file) throws Exception {
        long chars = 0;
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<List<String>> it = camelRecords(camel, csv, in);
            while (it.hasNext()) {
                for (String f : it.next()) {
                    chars += f.length();
                }
            }
        }
        return chars;
    }

    private static List<Long> camelCsvLines(CamelContext camel, CsvDataFormat csv, Path file) throws Exception {
        List<Long> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<List<String>> it = camelRecords(camel, csv, in);
            long n = 0;
            while (it.hasNext()) {
                it.next();
                lines.add(++n);
            }
        }
        return lines;
    }
}
