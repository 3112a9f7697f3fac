package io.llmplatform.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The document benchmark's corpus: PDFs of full pages and Markdown files of headed sections, of English-like text
 * from a fixed seed, so every run ingests the same bytes and no two chunks are alike.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.llmplatform.benchmarks.DocumentCorpus DIR PDFS PAGES MARKDOWN</pre>
 */
public final class DocumentCorpus {

    private static final int LINES_PER_PAGE = 48;
    private static final int CHARACTERS_PER_LINE = 92;
    private static final int SECTIONS_PER_MARKDOWN = 6;

    private static final String[] SUBJECTS = {"The committee", "Our engineers", "The new pump", "Each tenant",
        "The river authority", "A careful reader", "The night shift", "Most suppliers", "The harbour master",
        "Every apprentice", "The archive", "Local farmers", "The test rig", "The auditor", "Younger customers",
        "The orchestra", "The ferry operator", "Field biologists", "The regional office", "The kitchen staff"};
    private static final String[] VERBS = {"reviews", "measures", "replaces", "postpones", "inspects", "records",
        "approves", "questions", "repairs", "schedules", "compares", "publishes", "rejects", "calibrates",
        "estimates", "negotiates", "documents", "cleans", "tests", "reorganises"};
    private static final String[] OBJECTS = {"the quarterly budget", "the valve gaskets", "the winter timetable",
        "every invoice over the limit", "the drainage plans", "the soil samples", "the safety report",
        "the loading dock", "the backup generator", "the bird census", "the rent agreement", "the spare parts",
        "the grain silos", "the customer survey", "the pressure readings", "the concert programme",
        "the tide tables", "the training manual", "the heating contract", "the roof repairs"};
    private static final String[] CLAUSES = {"before the end of the month", "after the storm in March",
        "because the old figures were wrong", "while the main line is closed", "with help from the county",
        "although nobody asked for it", "as the contract requires", "once the weather improves",
        "so that the next audit goes smoothly", "in the presence of two witnesses", "without raising the price",
        "despite the shortage of staff", "on the second floor", "at the request of the mayor",
        "for the third year running", "under the new regulations"};

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: DocumentCorpus <directory> <pdfs> <pages per pdf> <markdown files>");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        int pdfs = Integer.parseInt(args[1]);
        int pages = Integer.parseInt(args[2]);
        int markdown = Integer.parseInt(args[3]);
        Random random = new Random(13);
        for (int i = 0; i < pdfs; i++) {
            Files.write(directory.resolve("report-%03d.pdf".formatted(i)), pdf(random, pages));
        }
        for (int i = 0; i < markdown; i++) {
            Files.writeString(directory.resolve("notes-%03d.md".formatted(i)), markdown(random, i),
                    StandardCharsets.UTF_8);
        }
    }

    private static byte[] pdf(Random random, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(14);
                    content.newLineAtOffset(50, 740);
                    for (String line : pageLines(random)) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A page's lines: paragraphs of 3 to 8 sentences wrapped to the line width, a blank line between them. */
    private static List<String> pageLines(Random random) {
        List<String> lines = new ArrayList<>();
        while (lines.size() < LINES_PER_PAGE) {
            lines.addAll(wrap(paragraph(random)));
            lines.add("");
        }
        return lines.subList(0, LINES_PER_PAGE);
    }

    private static String markdown(Random random, int number) {
        StringBuilder text = new StringBuilder("# Field notes " + (number + 1) + "\n\n");
        for (int s = 0; s < SECTIONS_PER_MARKDOWN; s++) {
            text.append("## ").append(pick(random, OBJECTS).substring(4)).append(' ').append(s + 1).append("\n\n");
            for (int p = 2 + random.nextInt(4); p > 0; p--) {
                text.append(paragraph(random)).append("\n\n");
            }
        }
        return text.toString();
    }

    private static String paragraph(Random random) {
        StringBuilder paragraph = new StringBuilder();
        for (int n = 3 + random.nextInt(6); n > 0; n--) {
            paragraph.append(pick(random, SUBJECTS)).append(' ').append(pick(random, VERBS)).append(' ')
                    .append(pick(random, OBJECTS));
            if (random.nextBoolean()) {
                paragraph.append(' ').append(pick(random, CLAUSES));
            }
            if (random.nextInt(3) == 0) {
                paragraph.append(", and ").append(pick(random, SUBJECTS).toLowerCase()).append(' ')
                        .append(pick(random, VERBS)).append(' ').append(pick(random, OBJECTS));
            }
            paragraph.append(random.nextInt(5) == 0 ? " in " + (1990 + random.nextInt(36)) + ". " : ". ");
        }
        return paragraph.toString().strip();
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > CHARACTERS_PER_LINE) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private DocumentCorpus() {
    }
}
