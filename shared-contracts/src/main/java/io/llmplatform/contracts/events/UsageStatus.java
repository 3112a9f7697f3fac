package io.llmplatform.contracts.events;

/** How a model call ended. Tokens are billed in every case: a cancelled stream still generated what it sent. */
public enum UsageStatus {
    SUCCESS,
    CANCELLED,
    ERROR
}
