package io.llmplatform.document.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.document.index.ChunkDraft;
import io.llmplatform.document.parsing.ParsedDocument;
import io.llmplatform.document.parsing.Section;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker(new ChunkingProperties(50, 10));

    @Test
    void chunksStayWithinTheirSectionAndCarryItsHeadingAndPage() {
        String longSection = sentences(40);
        ParsedDocument document = new ParsedDocument(List.of(new Section("Intro", 1, "Short intro."),
                new Section("Body", 2, longSection)), 2);

        List<ChunkDraft> chunks = chunker.chunk(document);

        assertThat(chunks.getFirst()).isEqualTo(new ChunkDraft(0, "Short intro.", 1, "Intro", 3));
        assertThat(chunks.subList(1, chunks.size())).hasSizeGreaterThan(3).allSatisfy(chunk -> {
            assertThat(chunk.heading()).isEqualTo("Body");
            assertThat(chunk.page()).isEqualTo(2);
            assertThat(longSection).contains(chunk.text());
        });
        assertThat(chunks).extracting(ChunkDraft::index).containsExactlyElementsOf(
                IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    void noChunkIsLargerThanTheTokenLimitAndNeighboursOverlap() {
        List<ChunkDraft> chunks = chunker.chunk(new ParsedDocument(List.of(new Section(null, null,
                sentences(60))), null));

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.tokens()).isLessThanOrEqualTo(50);
            assertThat(chunk.tokens()).isEqualTo((chunk.text().length() + 3) / 4);
        });
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).text();
            String firstSentence = chunks.get(i).text().split("(?<=\\.) ")[0];
            assertThat(previous).as("chunk %d starts with the end of chunk %d", i, i - 1).contains(firstSentence);
        }
    }

    @Test
    void paragraphsAreKeptWholeWhenTheyFit() {
        String text = "First paragraph is short.\n\nSecond paragraph is short too.";

        List<ChunkDraft> chunks = chunker.chunk(new ParsedDocument(List.of(new Section(null, null, text)), null));

        assertThat(chunks).extracting(ChunkDraft::text).containsExactly(text);
    }

    private static String sentences(int count) {
        return IntStream.range(0, count).mapToObj(i -> "Sentence number " + i + " says something.")
                .collect(Collectors.joining(" "));
    }
}
