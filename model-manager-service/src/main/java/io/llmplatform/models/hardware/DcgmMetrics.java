package io.llmplatform.models.hardware;

import io.llmplatform.contracts.models.GpuDevice;
import io.llmplatform.models.endpoint.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GPUs in NVIDIA DCGM exporter metrics: {@code DCGM_FI_DEV_FB_USED} and {@code DCGM_FI_DEV_FB_FREE} (MiB;
 * total is their sum, plus {@code DCGM_FI_DEV_FB_RESERVED} where exported) and {@code DCGM_FI_DEV_GPU_UTIL} (%),
 * one sample per GPU labelled {@code gpu}, {@code UUID}, {@code modelName}.
 */
final class DcgmMetrics {

    static List<GpuDevice> parse(String metricsText) {
        PrometheusText metrics = PrometheusText.parse(metricsText);
        Map<Integer, PrometheusText.Sample> used = byGpu(metrics, "DCGM_FI_DEV_FB_USED");
        Map<Integer, PrometheusText.Sample> free = byGpu(metrics, "DCGM_FI_DEV_FB_FREE");
        Map<Integer, PrometheusText.Sample> reserved = byGpu(metrics, "DCGM_FI_DEV_FB_RESERVED");
        Map<Integer, PrometheusText.Sample> utilization = byGpu(metrics, "DCGM_FI_DEV_GPU_UTIL");
        List<GpuDevice> gpus = new ArrayList<>();
        used.forEach((index, usedSample) -> {
            PrometheusText.Sample freeSample = free.get(index);
            if (freeSample == null) {
                return;
            }
            double reservedMib = reserved.containsKey(index) ? reserved.get(index).value() : 0;
            PrometheusText.Sample busy = utilization.get(index);
            gpus.add(new GpuDevice(index, usedSample.label("modelName"), usedSample.label("UUID"),
                    Math.round(usedSample.value() + freeSample.value() + reservedMib), Math.round(usedSample.value()),
                    busy != null ? busy.value() : null));
        });
        return List.copyOf(gpus);
    }

    private static Map<Integer, PrometheusText.Sample> byGpu(PrometheusText metrics, String name) {
        Map<Integer, PrometheusText.Sample> byGpu = new TreeMap<>();
        for (PrometheusText.Sample sample : metrics.samples(name)) {
            String gpu = sample.label("gpu");
            if (gpu != null && gpu.matches("\\d+")) {
                byGpu.put(Integer.parseInt(gpu), sample);
            }
        }
        return byGpu;
    }

    private DcgmMetrics() {
    }
}
