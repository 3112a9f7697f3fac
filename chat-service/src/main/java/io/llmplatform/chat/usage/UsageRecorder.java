package io.llmplatform.chat.usage;

import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.quota.QuotaAdmission;
import io.llmplatform.support.usage.UsageOutbox;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Closes a model call: its usage event goes to the outbox (in the caller's transaction, if there is one), its quota
 * reservation is settled with the tokens actually used, and its metrics are recorded.
 */
@Component
public class UsageRecorder {

    private static final String SERVICE = "chat-service";

    private final UsageOutbox outbox;
    private final QuotaAdmission quota;
    private final ChatMetrics metrics;
    private final Clock clock;

    UsageRecorder(UsageOutbox outbox, QuotaAdmission quota, ChatMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.quota = quota;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param usage what the model reported (zero when it reported nothing)
     * @param firstTokenNanos when the first token reached chat-service, or 0 when the call did not stream
     */
    public void record(ModelCall call, Usage usage, UsageStatus status, long firstTokenNanos) {
        long finished = System.nanoTime();
        Duration elapsed = Duration.ofNanos(finished - call.receivedNanos());
        Long ttftMillis = null;
        if (firstTokenNanos > 0) {
            Duration ttft = Duration.ofNanos(firstTokenNanos - call.receivedNanos());
            ttftMillis = ttft.toMillis();
            metrics.timeToFirstToken(call.model(), ttft);
            metrics.timePerOutputToken(call.model(), Duration.ofNanos(finished - firstTokenNanos),
                    usage.completionTokens());
        }
        outbox.append(new UsageEvent(call.id(), clock.instant(), SERVICE, call.requestId(),
                call.caller().userId(), call.caller().apiKeyId(), call.model(), usage.promptTokens(),
                usage.completionTokens(), elapsed.toMillis(), ttftMillis, status));
        quota.settle(call.reservation(), usage.totalTokens());
        metrics.tokens(call.model(), usage.promptTokens(), usage.completionTokens());
        metrics.operation(call.model(), call.streaming(), status.name().toLowerCase(), elapsed);
    }

    /** The call never reached the model: nothing was spent. */
    public void release(ModelCall call) {
        quota.release(call.reservation());
    }
}
