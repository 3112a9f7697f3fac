package io.llmplatform.chat.usage;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Metrics in the OpenTelemetry GenAI semantic conventions ({@code gen_ai.*}: token usage by type and model, time to
 * first token, time per output token, operation duration), plus the time the platform adds around the model.
 */
@Component
public class ChatMetrics {

    private final MeterRegistry meters;

    ChatMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void tokens(String model, int input, int output) {
        tokenUsage(model, "input").record(input);
        tokenUsage(model, "output").record(output);
    }

    public void timeToFirstToken(String model, Duration elapsed) {
        Timer.builder("gen_ai.server.time_to_first_token").tag("gen_ai.request.model", model)
                .publishPercentileHistogram().register(meters).record(elapsed);
    }

    public void timePerOutputToken(String model, Duration generation, int outputTokens) {
        if (outputTokens > 1) {
            Timer.builder("gen_ai.server.time_per_output_token").tag("gen_ai.request.model", model)
                    .publishPercentileHistogram().register(meters).record(generation.dividedBy(outputTokens - 1));
        }
    }

    public void operation(String model, boolean streaming, String outcome, Duration elapsed) {
        Timer.builder("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "chat")
                .tag("gen_ai.request.model", model).tag("stream", Boolean.toString(streaming)).tag("outcome", outcome)
                .publishPercentileHistogram().register(meters).record(elapsed);
    }

    /** Time spent in chat-service rather than in the model: what the platform costs a request. */
    public void addedLatency(String model, boolean streaming, Duration overhead) {
        Timer.builder("platform.chat.added_latency").tag("gen_ai.request.model", model)
                .tag("stream", Boolean.toString(streaming)).publishPercentileHistogram().register(meters)
                .record(overhead);
    }

    private DistributionSummary tokenUsage(String model, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                .tag("gen_ai.operation.name", "chat").tag("gen_ai.request.model", model)
                .tag("gen_ai.token.type", type).register(meters);
    }
}
