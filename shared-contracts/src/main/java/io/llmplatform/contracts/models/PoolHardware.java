package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The GPUs of one pool and where that came from: {@code declared} (configuration), {@code dcgm} (a DCGM exporter's
 * metrics) or {@code nvidia-smi}. {@code error} says why the list is empty when the source could not be read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolHardware(String pool, String source, List<GpuDevice> gpus, String error, Instant readAt) {

    public PoolHardware {
        gpus = List.copyOf(gpus);
    }
}
