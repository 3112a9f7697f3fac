package io.llmplatform.support.quota;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;

/**
 * Counts the calls refused for being over quota ({@code platform.quota.rejections}), for the quota alert and the
 * overview dashboard; everything else is the wrapped admission's.
 */
final class RejectionCountingQuotaAdmission implements QuotaAdmission {

    static final String REJECTIONS = "platform.quota.rejections";

    private final QuotaAdmission admission;
    private final Counter rejections;

    RejectionCountingQuotaAdmission(QuotaAdmission admission, MeterRegistry meters) {
        this.admission = admission;
        this.rejections = Counter.builder(REJECTIONS).description("Model calls refused: the user's monthly quota "
                + "could not hold them").register(meters);
    }

    @Override
    public Reservation reserve(UUID userId, String callId, long tokens) {
        try {
            return admission.reserve(userId, callId, tokens);
        } catch (PlatformException refused) {
            if (refused.code() == ErrorCode.QUOTA_EXCEEDED) {
                rejections.increment();
            }
            throw refused;
        }
    }

    @Override
    public void settle(Reservation reservation, long usedTokens) {
        admission.settle(reservation, usedTokens);
    }

    @Override
    public void release(Reservation reservation) {
        admission.release(reservation);
    }
}
