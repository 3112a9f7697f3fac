package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One GPU as {@code nvidia-smi}, DCGM or the configuration describes it. Memory is in MiB, as both tools report it;
 * {@code memoryUsedMib} and {@code utilizationPercent} are null where the source does not say.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuDevice(int index, String name, String uuid, long memoryTotalMib, Long memoryUsedMib,
        Double utilizationPercent) {
}
