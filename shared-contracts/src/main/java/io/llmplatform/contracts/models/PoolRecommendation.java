package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/v1/models/recommendations}, per pool: every profile of the pool's task checked against its GPUs,
 * those that fit first (largest model first), and the one recommended: the largest that fits with its full context.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolRecommendation(String pool, String currentProfileId, String recommendedProfileId,
        List<FitReport> profiles) {

    public PoolRecommendation {
        profiles = List.copyOf(profiles);
    }
}
