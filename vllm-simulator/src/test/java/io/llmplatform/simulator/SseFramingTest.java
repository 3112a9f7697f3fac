package io.llmplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.simulator.generation.ContentMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bytes of a stream, as vLLM frames it, read from a bare socket. */
class SseFramingTest {

    private static final String PREFIX = "data: {\"id\":\"chatcmpl-req-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"m\",\"choices\":";
    private static VllmSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).servedModels("m")
                .contentMode(ContentMode.ECHO).build(),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void chatStreamIsRoleChunkContentChunksFinishReasonUsageChunkThenDone() {
        RawHttp.Exchange exchange = RawHttp.post(simulator.port(), "/v1/chat/completions",
                SimulatorHttp.chat("The river.", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"),
                "X-Request-Id: req-1");

        assertThat(exchange.head()).startsWith("HTTP/1.1 200 OK")
                .containsIgnoringCase("content-type: text/event-stream; charset=utf-8")
                .containsIgnoringCase("transfer-encoding: chunked");
        assertThat(exchange.complete()).isTrue();
        assertThat(exchange.body()).isEqualTo(
                PREFIX + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
                        + "\"finish_reason\":null}]}\n\n"
                + PREFIX + "[{\"index\":0,\"delta\":{\"content\":\"The\"},\"logprobs\":null,"
                        + "\"finish_reason\":null}]}\n\n"
                + PREFIX + "[{\"index\":0,\"delta\":{\"content\":\" river\"},\"logprobs\":null,"
                        + "\"finish_reason\":null}]}\n\n"
                + PREFIX + "[{\"index\":0,\"delta\":{\"content\":\".\"},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}]}\n\n"
                + PREFIX + "[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":3,\"total_tokens\":14}}\n\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void withoutStreamOptionsThereIsNoUsageChunk() {
        RawHttp.Exchange exchange = RawHttp.post(simulator.port(), "/v1/chat/completions",
                SimulatorHttp.chat("The river.", "\"stream\":true"));

        assertThat(exchange.body()).doesNotContain("\"usage\"").endsWith("\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void anyStreamOptionsObjectAsksForUsageAsInVllmUnlessIncludeUsageIsFalse() {
        String empty = RawHttp.post(simulator.port(), "/v1/chat/completions",
                SimulatorHttp.chat("The river.", "\"stream\":true,\"stream_options\":{}")).body();
        String refused = RawHttp.post(simulator.port(), "/v1/chat/completions",
                SimulatorHttp.chat("The river.", "\"stream\":true,\"stream_options\":{\"include_usage\":false}"))
                .body();

        assertThat(empty).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":11");
        assertThat(refused).doesNotContain("\"usage\"");
    }

    @Test
    void textCompletionStreamHasNoRoleChunkAndEndsTheSameWay() {
        RawHttp.Exchange exchange = RawHttp.post(simulator.port(), "/v1/completions",
                "{\"prompt\":\"the river\",\"stream\":true,\"stream_options\":{}}", "X-Request-Id: req-2");

        String prefix = "data: {\"id\":\"cmpl-req-2\",\"object\":\"text_completion\",\"created\":1700000000,"
                + "\"model\":\"m\",\"choices\":";
        assertThat(exchange.body()).isEqualTo(
                prefix + "[{\"index\":0,\"text\":\"the\",\"logprobs\":null,\"finish_reason\":null,"
                        + "\"stop_reason\":null}]}\n\n"
                + prefix + "[{\"index\":0,\"text\":\" river\",\"logprobs\":null,\"finish_reason\":\"stop\","
                        + "\"stop_reason\":null}]}\n\n"
                + prefix + "[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}}\n\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void droppedStreamEndsAfterTheGivenEventsWithoutDoneOrTheLastChunk() {
        RawHttp.Exchange exchange = RawHttp.post(simulator.port(), "/v1/chat/completions",
                SimulatorHttp.chat("The river crosses the bridge.", "\"stream\":true"),
                "X-Simulator-Fault: drop-after=3");

        assertThat(exchange.complete()).as("terminating chunk").isFalse();
        assertThat(exchange.body().split("\n\n")).hasSize(3);
        assertThat(exchange.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
    }
}
