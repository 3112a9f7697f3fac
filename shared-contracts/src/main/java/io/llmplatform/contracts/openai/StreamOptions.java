package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code stream_options}; {@code continuous_usage_stats} is vLLM's extension. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamOptions(Boolean includeUsage, Boolean continuousUsageStats) {

    public static StreamOptions withUsage() {
        return new StreamOptions(true, null);
    }
}
