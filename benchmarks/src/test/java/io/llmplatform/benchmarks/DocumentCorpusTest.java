package io.llmplatform.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentCorpusTest {

    @TempDir
    Path directory;

    @Test
    void theCorpusHasTheAskedForFilesAndPagesAndIsTheSameEveryRun() throws IOException {
        DocumentCorpus.main(new String[] {directory.resolve("a").toString(), "3", "4", "2"});
        DocumentCorpus.main(new String[] {directory.resolve("b").toString(), "3", "4", "2"});

        assertThat(names(directory.resolve("a"))).containsExactly("notes-000.md", "notes-001.md", "report-000.pdf",
                "report-001.pdf", "report-002.pdf");
        List<String> pages = pageTexts(directory.resolve("a"));
        assertThat(pageTexts(directory.resolve("b"))).isEqualTo(pages);
        assertThat(pages).hasSize(12);
        // Full pages of English-like text, every one different.
        assertThat(pages).allSatisfy(page -> assertThat(page.length()).isGreaterThan(3000)).doesNotHaveDuplicates();
        String notes = Files.readString(directory.resolve("a").resolve("notes-000.md"));
        assertThat(notes).startsWith("# Field notes 1\n");
        assertThat(notes.lines().filter(line -> line.startsWith("## "))).hasSize(6);
        assertThat(Files.readString(directory.resolve("b").resolve("notes-001.md")))
                .isEqualTo(Files.readString(directory.resolve("a").resolve("notes-001.md")));
    }

    /** The text of every page of the folder's PDFs, file by file; each has 4 pages. */
    private static List<String> pageTexts(Path folder) throws IOException {
        List<String> pages = new ArrayList<>();
        for (String pdf : List.of("report-000.pdf", "report-001.pdf", "report-002.pdf")) {
            try (PDDocument document = Loader.loadPDF(folder.resolve(pdf).toFile())) {
                assertThat(document.getNumberOfPages()).isEqualTo(4);
                PDFTextStripper text = new PDFTextStripper();
                for (int page = 1; page <= 4; page++) {
                    text.setStartPage(page);
                    text.setEndPage(page);
                    pages.add(text.getText(document));
                }
            }
        }
        return pages;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
