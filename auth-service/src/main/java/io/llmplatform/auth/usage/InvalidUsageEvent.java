package io.llmplatform.auth.usage;

import io.llmplatform.contracts.events.UsageEvent;

/** An event that can never be recorded: retrying it would block its partition, so it goes to the dead letters. */
class InvalidUsageEvent extends RuntimeException {

    InvalidUsageEvent(String problem) {
        super(problem);
    }

    /** Why the event cannot be recorded, or null when it can. */
    static String problem(UsageEvent event) {
        if (event == null) {
            return "no event: the value could not be read as a UsageEvent";
        }
        if (event.eventId() == null || event.userId() == null || event.occurredAt() == null
                || event.status() == null) {
            return "eventId, userId, occurredAt and status are required";
        }
        if (event.model() == null || event.model().isBlank() || event.model().length() > 200) {
            return "model must be 1 to 200 characters";
        }
        if (event.service() == null || event.service().isBlank() || event.service().length() > 64) {
            return "service must be 1 to 64 characters";
        }
        if (event.requestId() != null && event.requestId().length() > 128) {
            return "requestId must be at most 128 characters";
        }
        if (event.promptTokens() < 0 || event.completionTokens() < 0 || event.latencyMs() < 0) {
            return "token counts and latency must not be negative";
        }
        return null;
    }
}
