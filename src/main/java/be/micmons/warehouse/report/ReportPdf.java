package be.micmons.warehouse.report;

import be.micmons.warehouse.console.ConsoleFormat;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A printable PDF from a Thymeleaf page (XHTML) with openhtmltopdf. Text is set in Liberation Sans,
 * the TrueType font PDFBox ships, so every character of a French page (accents, narrow spaces
 * between thousands) is embedded rather than left to the reader's base fonts.
 */
@Component
public class ReportPdf {
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final TemplateEngine templates;
    private final ConsoleFormat format;

    public ReportPdf(TemplateEngine templates, ConsoleFormat format) {
        this.templates = templates;
        this.format = format;
    }

    public byte[] render(String template, Map<String, Object> variables, Locale locale) {
        Context ctx = new Context(locale, variables);
        ctx.setVariable("fmt", format);
        String html = templates.process(template, ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useFont(() -> font(), "Liberation Sans");
            b.withHtmlContent(html, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font() {
        InputStream in = ReportPdf.class.getResourceAsStream(FONT);
        if (in == null) {
            throw new IllegalStateException("PDFBox's " + FONT + " is missing from the class path");
        }
        return in;
    }
}
