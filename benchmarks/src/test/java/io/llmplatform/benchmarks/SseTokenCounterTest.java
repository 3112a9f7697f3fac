package io.llmplatform.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseTokenCounterTest {

    private static final String ROLE =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private static final String HELLO = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n";
    private static final String WORLD =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"finish_reason\":\"stop\"}]}\n\n";
    private static final String USAGE =
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    @Test
    void countsTokenEventsAndTakesTheFirstTokensArrivalAsTimeToFirstToken() {
        SseTokenCounter counter = new SseTokenCounter();

        feed(counter, ROLE, 100);
        feed(counter, HELLO, 200);
        feed(counter, WORLD + DONE, 300);

        assertThat(counter.tokens()).isEqualTo(2);
        assertThat(counter.firstTokenNanos()).as("the role chunk carries no token").isEqualTo(200);
        assertThat(counter.done()).isTrue();
    }

    @Test
    void usageChunkGivesTheTokenCount() {
        SseTokenCounter counter = new SseTokenCounter();

        feed(counter, ROLE + HELLO + WORLD + USAGE + DONE, 1);

        assertThat(counter.tokenEvents()).isEqualTo(2);
        assertThat(counter.tokens()).isEqualTo(7);
    }

    @Test
    void eventsSplitAnywhereAcrossBuffersReadTheSame() {
        String stream = ROLE + HELLO + WORLD + USAGE + DONE;
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            SseTokenCounter counter = new SseTokenCounter();

            counter.feed(Unpooled.wrappedBuffer(bytes, 0, split), 1);
            counter.feed(Unpooled.wrappedBuffer(bytes, split, bytes.length - split), 2);

            assertThat(counter.tokens()).as("split at %d", split).isEqualTo(7);
            assertThat(counter.tokenEvents()).isEqualTo(2);
            assertThat(counter.done()).isTrue();
        }
    }

    @Test
    void readsCrLfLinesDataWithoutSpaceAndTextCompletions() {
        SseTokenCounter counter = new SseTokenCounter();

        feed(counter, "data:{\"choices\":[{\"text\":\" once\"}]}\r\n\r\n"
                + "data: {\"choices\":[{\"text\":\"\"}]}\r\n\r\n"
                + ": a comment\r\n\r\ndata: [DONE]\r\n\r\n", 5);

        assertThat(counter.tokens()).isEqualTo(1);
        assertThat(counter.firstTokenNanos()).isEqualTo(5);
        assertThat(counter.done()).isTrue();
    }

    @Test
    void streamThatStopsBeforeDoneIsNotDone() {
        SseTokenCounter counter = new SseTokenCounter();

        feed(counter, ROLE + HELLO, 1);

        assertThat(counter.done()).isFalse();
        assertThat(counter.tokens()).isEqualTo(1);
    }

    private static void feed(SseTokenCounter counter, String text, long nanos) {
        counter.feed(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), nanos);
    }
}
