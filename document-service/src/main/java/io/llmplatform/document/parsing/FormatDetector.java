package io.llmplatform.document.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.springframework.stereotype.Component;

/**
 * Tells a file's format from its content with Tika's detector (magic bytes, the zip container's parts, a text
 * heuristic), never from its name. Markdown has no signature, so only plain text whose name ends in {@code .md} or
 * {@code .markdown} is read as Markdown: the name can refine text, never make anything else acceptable.
 */
@Component
public class FormatDetector {

    private static final MediaType DOCX = MediaType.parse(DocumentFormat.DOCX.mediaType());
    private static final MediaType XHTML = MediaType.application("xhtml+xml");

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    /** The format, or empty when the content is none of the accepted ones. */
    public Optional<DocumentFormat> detect(InputStream content, String fileName) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            MediaType type = detector.detect(stream, new Metadata()).getBaseType();
            if (type.equals(MediaType.application("pdf"))) {
                return Optional.of(DocumentFormat.PDF);
            }
            if (type.equals(DOCX)) {
                return Optional.of(DocumentFormat.DOCX);
            }
            if (type.equals(MediaType.TEXT_HTML) || type.equals(XHTML)) {
                return Optional.of(DocumentFormat.HTML);
            }
            if (type.equals(MediaType.TEXT_PLAIN)) {
                return Optional.of(isMarkdownName(fileName) ? DocumentFormat.MARKDOWN : DocumentFormat.TEXT);
            }
            return Optional.empty();
        }
    }

    private static boolean isMarkdownName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown");
    }
}
