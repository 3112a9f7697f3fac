package io.llmplatform.embedding.usage;

import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.support.quota.QuotaAdmission;
import io.llmplatform.support.quota.Reservation;
import io.llmplatform.support.usage.UsageOutbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What a call costs its user: admission against the monthly quota before any model work (429 when it does not fit),
 * and afterwards one usage event through the outbox (prompt tokens, model, user, API key), the reservation settled
 * to the tokens used, and the OpenTelemetry GenAI metrics ({@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}). A call that fails has spent nothing: its reservation is released.
 */
@Component
public class EmbeddingUsage {

    private static final String SERVICE = "embedding-service";
    /** The observation of the model work (a span, and the {@code platform.embedding.operations} timer). */
    static final String OPERATIONS = "platform.embedding.operations";

    /** What a finished call spent, and on which model. */
    public record Spent(String model, int promptTokens) {
    }

    private final QuotaAdmission quota;
    private final UsageOutbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ObservationRegistry observations;

    EmbeddingUsage(QuotaAdmission quota, UsageOutbox outbox, MeterRegistry meters, Clock clock,
            ObservationRegistry observations) {
        this.quota = quota;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
        this.observations = observations;
    }

    /**
     * Runs {@code work} for {@code origin}'s user if {@code tokensAtMost} fit in their quota, and bills what it
     * {@code spent}.
     *
     * @param operation the GenAI operation name: {@code embeddings}, {@code rerank}
     */
    public <T> T spend(CallOrigin origin, String operation, long tokensAtMost, Supplier<T> work,
            Function<T, Spent> spent) {
        UUID callId = UUID.randomUUID();
        Reservation reservation = quota.reserve(origin.caller().userId(), callId.toString(), tokensAtMost);
        // The model work as a span with the GenAI attributes, whether the model runs here or on a remote server.
        Observation observation = Observation.createNotStarted(OPERATIONS, observations).contextualName(operation)
                .lowCardinalityKeyValue("gen_ai.operation.name", operation).start();
        T result;
        try (Observation.Scope scope = observation.openScope()) {
            result = work.get();
        } catch (RuntimeException failed) {
            quota.release(reservation);
            observation.error(failed);
            observation.stop();
            throw failed;
        }
        Spent cost = spent.apply(result);
        observation.contextualName(operation + " " + cost.model())
                .lowCardinalityKeyValue("gen_ai.request.model", cost.model())
                .highCardinalityKeyValue("gen_ai.usage.input_tokens", Integer.toString(cost.promptTokens()))
                .stop();
        record(callId, origin, operation, reservation, cost);
        return result;
    }

    private void record(UUID callId, CallOrigin origin, String operation, Reservation reservation, Spent spent) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - origin.receivedNanos());
        outbox.append(new UsageEvent(callId, clock.instant(), SERVICE, origin.requestId(), origin.caller().userId(),
                origin.caller().apiKeyId(), spent.model(), spent.promptTokens(), 0, elapsed.toMillis(), null,
                UsageStatus.SUCCESS));
        quota.settle(reservation, spent.promptTokens());
        DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                .tag("gen_ai.operation.name", operation).tag("gen_ai.request.model", spent.model())
                .tag("gen_ai.token.type", "input").register(meters).record(spent.promptTokens());
        Timer.builder("gen_ai.client.operation.duration").tag("gen_ai.operation.name", operation)
                .tag("gen_ai.request.model", spent.model()).publishPercentileHistogram().register(meters)
                .record(elapsed);
    }
}
