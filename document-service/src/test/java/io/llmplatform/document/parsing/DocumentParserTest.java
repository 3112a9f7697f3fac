package io.llmplatform.document.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.document.SampleFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DocumentParserTest {

    private final DocumentParser parser = new DocumentParser(
            new ParsingProperties(Duration.ofSeconds(30), 100_000, DataSize.ofMegabytes(200), 0.01));
    private final FormatDetector detector = new FormatDetector();

    @Test
    void pdfTextIsReadPageByPageWithItsPageNumbers() throws Exception {
        ParsedDocument parsed = parse(SampleFiles.pdf("The first page talks about apples.",
                "The second page talks about pears.\nOn two lines."), DocumentFormat.PDF);

        assertThat(parsed.pages()).isEqualTo(2);
        assertThat(parsed.sections()).extracting(Section::page).containsExactly(1, 2);
        assertThat(parsed.sections().get(0).text()).isEqualTo("The first page talks about apples.");
        assertThat(parsed.sections().get(1).text()).contains("pears.").contains("On two lines.");
    }

    @Test
    void docxIsCutAtItsHeadings() throws Exception {
        ParsedDocument parsed = parse(SampleFiles.docx("Preamble before any heading.", "#Installation",
                "Run the installer.", "Then restart.", "#Usage", "Open the app."), DocumentFormat.DOCX);

        assertThat(parsed.sections()).extracting(Section::heading).containsExactly(null, "Installation", "Usage");
        assertThat(parsed.sections().get(1).text()).isEqualTo("Run the installer.\n\nThen restart.");
        assertThat(parsed.pages()).isNull();
    }

    @Test
    void htmlIsCutAtItsHeadingsWithoutHeadOrScripts() throws Exception {
        ParsedDocument parsed = parse(SampleFiles.html("<h1>Intro</h1><p>Hello there.</p><h2>Details</h2>"
                + "<p>First.</p><ul><li>one</li><li>two</li></ul>"), DocumentFormat.HTML);

        assertThat(parsed.sections()).extracting(Section::heading).containsExactly("Intro", "Details");
        assertThat(parsed.sections().get(0).text()).isEqualTo("Hello there.");
        assertThat(parsed.sections().get(1).text()).contains("First.").contains("one").contains("two");
        assertThat(parsed.sections()).allSatisfy(section -> assertThat(section.text())
                .doesNotContain("Page title").doesNotContain("secret").doesNotContain("color"));
    }

    @Test
    void markdownIsCutAtAtxAndSetextHeadingsButNotInsideCode() throws Exception {
        String markdown = "Intro line.\n\n# Setup\nInstall it.\n\n```\n# not a heading\n```\n\nUsage\n-----\nRun it.\n";

        ParsedDocument parsed = parse(SampleFiles.text(markdown), DocumentFormat.MARKDOWN);

        assertThat(parsed.sections()).extracting(Section::heading).containsExactly(null, "Setup", "Usage");
        assertThat(parsed.sections().get(1).text()).contains("# not a heading");
        assertThat(parsed.sections().get(2).text()).isEqualTo("Run it.");
    }

    @Test
    void plainTextIsOneSectionInItsOwnEncoding() throws Exception {
        byte[] latin1 = "Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 \u00e0 la carte, "
                .repeat(20).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        ParsedDocument parsed = parse(latin1, DocumentFormat.TEXT);

        assertThat(parsed.sections()).singleElement().satisfies(section -> {
            assertThat(section.heading()).isNull();
            assertThat(section.text()).startsWith("Caf\u00e9 cr\u00e8me");
        });
    }

    @Test
    void formatsAreDetectedFromContentNotFromTheName() throws IOException {
        assertThat(detect(SampleFiles.pdf("x"), "notes.txt")).contains(DocumentFormat.PDF);
        assertThat(detect(SampleFiles.docx("x"), "file.bin")).contains(DocumentFormat.DOCX);
        assertThat(detect(SampleFiles.html("<p>x</p>"), "page.txt")).contains(DocumentFormat.HTML);
        assertThat(detect(SampleFiles.text("# Title\n\ntext"), "README.md")).contains(DocumentFormat.MARKDOWN);
        assertThat(detect(SampleFiles.text("just text"), "a.txt")).contains(DocumentFormat.TEXT);
        assertThat(detect(SampleFiles.binaryJunk(), "report.pdf")).isEmpty();
        assertThat(detect(SampleFiles.binaryJunk(), "notes.md")).isEmpty();
    }

    @Test
    void anEncryptedPdfIsUnreadableBecauseOfItsPassword() {
        assertThatThrownBy(() -> parse(SampleFiles.encryptedPdf("secret text"), DocumentFormat.PDF))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("encrypted");
    }

    @Test
    void aCorruptPdfIsUnreadable() {
        assertThatThrownBy(() -> parse(SampleFiles.corruptPdf(), DocumentFormat.PDF))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("could not be read as PDF");
    }

    @Test
    void aZipBombDocxIsStoppedBeforeItInflates() {
        assertThatThrownBy(() -> parse(SampleFiles.zipBombDocx(50), DocumentFormat.DOCX))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("zip bomb");
    }

    @Test
    void textPastTheCharacterCapIsUnreadableRatherThanCut() {
        assertThatThrownBy(() -> parse(SampleFiles.text("word ".repeat(30_000)), DocumentFormat.TEXT))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("more than 100000 characters");
        assertThatThrownBy(() -> parse(SampleFiles.html("<p>" + "word ".repeat(30_000) + "</p>"),
                DocumentFormat.HTML)).hasMessageContaining("more than 100000 characters");
    }

    @Test
    void aFileWithoutTextIsUnreadable() {
        assertThatThrownBy(() -> parse(SampleFiles.pdf(""), DocumentFormat.PDF))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("no text");
        assertThatThrownBy(() -> parse(SampleFiles.text(" \n\n "), DocumentFormat.TEXT))
                .hasMessageContaining("no text");
    }

    private ParsedDocument parse(byte[] file, DocumentFormat format) throws Exception {
        return parser.parse(new ByteArrayInputStream(file), format);
    }

    private Optional<DocumentFormat> detect(byte[] file, String name) throws IOException {
        return detector.detect(new ByteArrayInputStream(file), name);
    }
}
