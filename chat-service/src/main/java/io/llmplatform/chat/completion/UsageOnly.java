package io.llmplatform.chat.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.llmplatform.contracts.openai.Usage;

/** The one field of a completion the platform reads; everything else is relayed without being parsed into objects. */
@JsonIgnoreProperties(ignoreUnknown = true)
record UsageOnly(Usage usage) {

    Usage orZero() {
        return usage != null ? usage : Usage.of(0, 0);
    }
}
