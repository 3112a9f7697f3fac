package io.llmplatform.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Documents of every accepted format, and the bad ones, generated the way real tools write them. */
public final class SampleFiles {

    /** A PDF with one page per text, each text drawn line by line. */
    public static byte[] pdf(String... pages) {
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                document.addPage(page(document, text));
            }
            return save(document, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that needs a password to open. */
    public static byte[] encryptedPdf(String text) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(page(document, text));
            return save(document, "secret");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that starts like a PDF and then is not one. */
    public static byte[] corruptPdf() {
        byte[] junk = new byte[4000];
        new Random(7).nextBytes(junk);
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog".getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[header.length + junk.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(junk, 0, file, header.length, junk.length);
        return file;
    }

    public static byte[] binaryJunk() {
        byte[] junk = new byte[4096];
        new Random(11).nextBytes(junk);
        return junk;
    }

    /**
     * A DOCX of alternating headings (level 1) and paragraphs: {@code "#Title"} entries are headings, the rest body
     * paragraphs.
     */
    public static byte[] docx(String... paragraphs) {
        try (XWPFDocument document = new XWPFDocument()) {
            XWPFStyles styles = document.createStyles();
            for (int level = 1; level <= 2; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.setType(STStyleType.PARAGRAPH);
                style.addNewName().setVal("heading " + level);
                style.addNewPPr().addNewOutlineLvl().setVal(java.math.BigInteger.valueOf(level - 1));
                styles.addStyle(new XWPFStyle(style));
            }
            for (String text : paragraphs) {
                XWPFParagraph paragraph = document.createParagraph();
                if (text.startsWith("#")) {
                    paragraph.setStyle("Heading1");
                    paragraph.createRun().setText(text.substring(1));
                } else {
                    paragraph.createRun().setText(text);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid DOCX whose document part inflates from a few kilobytes to {@code inflatedMegabytes} of text: the
     * compression ratio of a zip bomb.
     */
    public static byte[] zipBombDocx(int inflatedMegabytes) {
        byte[] template = docx("placeholder");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(template));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    int at = xml.indexOf("placeholder");
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < inflatedMegabytes; i++) {
                        zip.write(block);
                    }
                    zip.write(xml.substring(at + "placeholder".length()).getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] html(String body) {
        return ("<!DOCTYPE html>\n<html><head><title>Page title</title><style>p{color:red}</style></head><body>"
                + body + "<script>var secret = 'not text';</script></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static PDPage page(PDDocument document, String text) throws IOException {
        PDPage page = new PDPage();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
            content.setLeading(14);
            content.newLineAtOffset(50, 740);
            for (String line : text.split("\n")) {
                content.showText(line);
                content.newLine();
            }
            content.endText();
        }
        return page;
    }

    private static byte[] save(PDDocument document, String userPassword) throws IOException {
        if (userPassword != null) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private SampleFiles() {
    }
}
