package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Whether a profile fits a pool's GPUs, by GPUStack's rule: weights × 1.2 plus a fixed overhead per GPU, plus the KV
 * cache for the context ({@code 2 × layers × KV heads × head dim × bytes} per token), split over the tensor-parallel
 * GPUs, against each GPU's memory × {@code gpu_memory_utilization}. Sizes are in GiB, per GPU.
 *
 * @param known false when the pool's GPUs are unknown: nothing was checked
 * @param context the context length checked: the profile's {@code max_model_len}, else the model's own
 * @param largestFittingContext the longest context whose KV cache fits beside the weights (0: not even the weights
 *     fit), at most the model's own context length
 * @param reasons why it does not fit, one sentence each; empty when it fits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FitReport(
        String profileId,
        String pool,
        boolean known,
        boolean fits,
        int gpusNeeded,
        int gpusAvailable,
        int context,
        long kvCacheBytesPerToken,
        double weightsGib,
        double kvCacheGib,
        double overheadGib,
        double requiredGibPerGpu,
        double availableGibPerGpu,
        int largestFittingContext,
        List<String> reasons) {

    public FitReport {
        reasons = List.copyOf(reasons);
    }
}
