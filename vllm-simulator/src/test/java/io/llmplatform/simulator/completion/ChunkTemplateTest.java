package io.llmplatform.simulator.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.ChatCompletionChunk;
import io.llmplatform.simulator.http.SimulatorJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkTemplateTest {

    private final SimulatorJson json = new SimulatorJson();

    static Stream<Arguments> texts() {
        return Stream.of(Arguments.of(0, " Hello"), Arguments.of(3, "\"quoted\" and \\ back"),
                Arguments.of(12, "line\nbreak\ttab"), Arguments.of(1, " ümlaut 🚀 \u0001 control"),
                Arguments.of(0, "</script>"), Arguments.of(7, ""));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void contentChunkBytesAreWhatJacksonWritesForTheSameRecord(int index, String text) {
        ChatChunks chunks = new ChatChunks(json, "chatcmpl-1", 1_700_000_000L, "org/model \"x\"");
        ByteBuf written = Unpooled.buffer();

        chunks.writeContent(written, index, text);

        ChatCompletionChunk record = new ChatCompletionChunk("chatcmpl-1", ChatCompletionChunk.OBJECT, 1_700_000_000L,
                "org/model \"x\"", List.of(new ChatCompletionChunk.Choice(index,
                        new ChatCompletionChunk.Delta(null, text, null, null), null, null, null)), null, null);
        assertThat(written.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(json.write(record), StandardCharsets.UTF_8));
    }
}
