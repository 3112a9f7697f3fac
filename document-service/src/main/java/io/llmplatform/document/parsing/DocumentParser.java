package io.llmplatform.document.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Turns a file into sections of text with Apache Tika: one section per PDF page, per heading in DOCX, HTML and
 * Markdown, or one for plain text. Parsing runs on its own thread with a timeout and a cap on characters; embedded
 * files (attachments, objects inside a DOCX or PDF) are not opened. Every way a file can be unreadable ends in an
 * {@link UnreadableDocumentException} whose message tells the owner why.
 */
@Component
@EnableConfigurationProperties(ParsingProperties.class)
public class DocumentParser implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DocumentParser.class);

    private final ParsingProperties properties;
    private final ExecutorService parsing = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("document-parser-", 0).factory());

    public DocumentParser(ParsingProperties properties) {
        this.properties = properties;
        // POI's guards are process-wide: the zip-bomb ratio and the size any one DOCX part may inflate to.
        // OOXMLParser's static initialiser turns the ratio check off (-1), so it must run before ours.
        new OOXMLParser();
        ZipSecureFile.setMinInflateRatio(properties.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(properties.maxExpandedEntrySize().toBytes());
    }

    /** @throws InterruptedException when the calling worker is stopped while waiting for the parse */
    public ParsedDocument parse(InputStream content, DocumentFormat format)
            throws UnreadableDocumentException, InterruptedException {
        Future<ParsedDocument> parse = parsing.submit(() -> parseNow(content, format));
        ParsedDocument parsed;
        try {
            parsed = parse.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            throw new UnreadableDocumentException("Reading the file took longer than "
                    + properties.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            parse.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw describe(e.getCause(), format);
        }
        if (parsed.sections().isEmpty()) {
            throw new UnreadableDocumentException(format == DocumentFormat.PDF
                    ? "The PDF contains no text (a scanned PDF would need OCR, which is not available)"
                    : "The file contains no text");
        }
        return parsed;
    }

    private ParsedDocument parseNow(InputStream content, DocumentFormat format) throws Exception {
        return switch (format) {
            case TEXT -> new ParsedDocument(plainSections(readText(content)), null);
            case MARKDOWN -> new ParsedDocument(MarkdownSections.of(readText(content)), null);
            case PDF -> parseXhtml(new PDFParser(), content, true);
            case DOCX -> parseXhtml(new OOXMLParser(), content, false);
            case HTML -> parseXhtml(new JSoupParser(), content, false);
        };
    }

    private ParsedDocument parseXhtml(Parser parser, InputStream content, boolean paged) throws Exception {
        SectionCollector sections = new SectionCollector(properties.maxCharacters(), paged);
        ParseContext context = new ParseContext();
        context.set(Parser.class, EmptyParser.INSTANCE);
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            parser.parse(stream, sections, new Metadata(), context);
        }
        return new ParsedDocument(sections.sections(), paged ? sections.pages() : null);
    }

    private static List<Section> plainSections(String text) {
        return text.isBlank() ? List.of() : List.of(new Section(null, null, text));
    }

    /** Plain text in whatever encoding its bytes are (Tika's charset detection), cut off past the cap. */
    private String readText(InputStream content) throws IOException, UnreadableDocumentException {
        try (AutoDetectReader reader = new AutoDetectReader(content)) {
            char[] buffer = new char[8192];
            StringBuilder text = new StringBuilder();
            for (int read; (read = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, read);
                if (text.length() > properties.maxCharacters()) {
                    throw tooMuchText();
                }
            }
            return TextCleaner.clean(text.toString());
        } catch (org.apache.tika.exception.TikaException e) {
            throw new UnreadableDocumentException("The file's text encoding could not be recognised", e);
        }
    }

    private UnreadableDocumentException describe(Throwable failure, DocumentFormat format) {
        if (failure instanceof UnreadableDocumentException unreadable) {
            return unreadable;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof EncryptedDocumentException || message.contains("password")) {
                return new UnreadableDocumentException("The file is encrypted; upload it without a password");
            }
            if (cause instanceof SectionCollector.TextLimitExceeded || message.contains("max allowed overall size")) {
                return tooMuchText();
            }
            if (message.contains("zip bomb") || message.contains("max entry size")) {
                return new UnreadableDocumentException("The file inflates to far more than its size "
                        + "(a possible zip bomb)");
            }
        }
        log.info("A {} file could not be parsed: {}", format, String.valueOf(failure));
        return new UnreadableDocumentException("The file could not be read as " + label(format)
                + ": it is damaged or not really " + label(format), failure);
    }

    private UnreadableDocumentException tooMuchText() {
        return new UnreadableDocumentException("The document has more than " + properties.maxCharacters()
                + " characters of text");
    }

    private static String label(DocumentFormat format) {
        return format == DocumentFormat.TEXT ? "text" : format.name();
    }

    @Override
    public void destroy() {
        parsing.shutdownNow();
    }
}
