package io.llmplatform.chat.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.openai.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Chunks as vLLM streams them, with {@code continuous_usage_stats}: read, and relayed without their usage. */
class StreamChunkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTokenChunkGivesItsUsageAndLosesItWithoutAnythingElseChanging() {
        String vllm = """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
                "delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}],\
                "usage":{"prompt_tokens":12,"total_tokens":15,"completion_tokens":3}}""";

        StreamChunk chunk = read(vllm);

        assertThat(chunk.usage()).isEqualTo(Usage.of(12, 3));
        assertThat(chunk.carriesToken()).isTrue();
        assertThat(chunk.usageOnly()).isFalse();
        assertThat(text(chunk.withoutUsage())).isEqualTo("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
                "delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}""");
    }

    @Test
    void theUsageChunkHasNoChoices() {
        StreamChunk chunk = read("""
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],\
                "usage":{"prompt_tokens":12,"total_tokens":44,"completion_tokens":32}}""");

        assertThat(chunk.usageOnly()).isTrue();
        assertThat(chunk.carriesToken()).isFalse();
        assertThat(chunk.usage()).isEqualTo(Usage.of(12, 32));
    }

    @Test
    void aRoleChunkOrAnEmptyDeltaIsNotAToken() {
        assertThat(read("""
                {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}],"usage":null}""")
                .carriesToken()).isFalse();
        assertThat(read("""
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1"}]}}]}""")
                .carriesToken()).isTrue();
    }

    @Test
    void usageFirstOrNullOrAbsentIsCutCleanly() {
        assertThat(text(read("{\"usage\": {\"prompt_tokens\": 1}, \"id\": \"x\"}").withoutUsage()))
                .isEqualTo("{\"id\": \"x\"}");
        assertThat(text(read("{\"id\":\"x\",\"usage\":null}").withoutUsage())).isEqualTo("{\"id\":\"x\"}");
        assertThat(text(read("{\"id\":\"x\"}").withoutUsage())).isEqualTo("{\"id\":\"x\"}");
    }

    @Test
    void onlyTheTopLevelUsageCounts() {
        StreamChunk chunk = read("""
                {"choices":[{"index":0,"delta":{"content":"a"},"usage":{"prompt_tokens":99}}]}""");

        assertThat(chunk.usage()).isNull();
        assertThat(chunk.hasUsageField()).isFalse();
    }

    private static StreamChunk read(String json) {
        return StreamChunk.read(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
