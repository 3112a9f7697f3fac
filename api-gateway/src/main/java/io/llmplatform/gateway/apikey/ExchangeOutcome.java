package io.llmplatform.gateway.apikey;

import io.llmplatform.contracts.error.ErrorCode;
import java.time.Instant;

/** What auth-service decided about a key; both are remembered for a while. */
sealed interface ExchangeOutcome {

    /** The key is good: here is the short-lived access token that stands for it. */
    record Granted(String accessToken, Instant expiresAt) implements ExchangeOutcome {

        @Override
        public String toString() {
            return "Granted[expiresAt=" + expiresAt + "]";
        }
    }

    /** The key is unknown, revoked or expired ({@code invalid_api_key}), or its owner is disabled. */
    record Refused(ErrorCode code, String message) implements ExchangeOutcome {
    }
}
