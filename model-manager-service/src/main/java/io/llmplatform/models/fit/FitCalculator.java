package io.llmplatform.models.fit;

import io.llmplatform.contracts.models.FitReport;
import io.llmplatform.contracts.models.GpuDevice;
import io.llmplatform.contracts.models.ModelProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Whether a model fits a pool's GPUs, by GPUStack's rule for vLLM: weights × 1.2 (activations and the like) plus a
 * fixed overhead per GPU (CUDA graphs), plus the KV cache of the whole context, {@code 2 (K and V) × layers × KV
 * heads × head dim × bytes} per token. Weights and KV cache split over the tensor-parallel GPUs; each GPU offers its
 * memory × {@code gpu_memory_utilization}.
 */
public final class FitCalculator {

    static final double GIB = 1024.0 * 1024 * 1024;

    private final double weightsFactor;
    private final double overheadBytes;

    public FitCalculator(double weightsFactor, double overheadGib) {
        this.weightsFactor = weightsFactor;
        this.overheadBytes = overheadGib * GIB;
    }

    /** Bytes per parameter: the quantisation's if any, else the dtype's. */
    static double bytesPerParameter(ModelProfile profile) {
        if (profile.quantization() != null) {
            return switch (profile.quantization()) {
                case "awq", "gptq" -> 0.5;
                default -> 1.0;
            };
        }
        return "float32".equals(profile.dtype()) ? 4 : 2;
    }

    /** KV cache bytes per token; vLLM keeps it in the model's activation type (16 bits unless float32). */
    public static long kvCacheBytesPerToken(ModelProfile profile) {
        ModelProfile.Architecture architecture = profile.architecture();
        int bytes = "float32".equals(profile.dtype()) ? 4 : 2;
        return 2L * architecture.layers() * architecture.kvHeads() * architecture.headDim() * bytes;
    }

    public static double weightsBytes(ModelProfile profile) {
        return profile.parametersBillions() * 1e9 * bytesPerParameter(profile);
    }

    /** The context vLLM would reserve KV cache for: {@code --max-model-len}, else the model's own. */
    public static int context(ModelProfile profile) {
        Integer maxModelLen = profile.vllm().maxModelLen();
        return maxModelLen != null ? maxModelLen : profile.architecture().contextLength();
    }

    /** Checks {@code profile} against {@code gpus}; with no GPUs known, says so and checks nothing. */
    public FitReport check(ModelProfile profile, String pool, List<GpuDevice> gpus) {
        int tensorParallel = profile.vllm().tensorParallelSize();
        long kvPerToken = kvCacheBytesPerToken(profile);
        int context = context(profile);
        double weights = weightsBytes(profile) * weightsFactor;
        double kvCache = (double) kvPerToken * context;
        double required = (weights + kvCache) / tensorParallel + overheadBytes;
        if (gpus.isEmpty()) {
            return new FitReport(profile.id(), pool, false, false, tensorParallel, 0, context, kvPerToken,
                    gib(weights), gib(kvCache), gib(overheadBytes), gib(required), 0, 0,
                    List.of("the pool's GPUs are not known: nothing was checked"));
        }
        List<String> reasons = new ArrayList<>();
        if (gpus.size() < tensorParallel) {
            reasons.add(String.format(Locale.ROOT, "needs %d GPUs (tensor parallel size %d), the pool has %d",
                    tensorParallel, tensorParallel, gpus.size()));
        }
        int usable = Math.min(tensorParallel, gpus.size());
        double available = usableBytes(gpus, usable, profile.vllm().gpuMemoryUtilization());
        if (required > available) {
            reasons.add(String.format(Locale.ROOT, "needs %.1f GiB per GPU (weights %.1f, KV cache %.1f for %d "
                    + "tokens, overhead %.1f, over %d GPU%s), %.1f GiB usable (%s × %.2f)", required / GIB,
                    weights / tensorParallel / GIB, kvCache / tensorParallel / GIB, context, overheadBytes / GIB,
                    tensorParallel, tensorParallel == 1 ? "" : "s", available / GIB, smallest(gpus, usable).name(),
                    profile.vllm().gpuMemoryUtilization()));
        }
        int largest = largestContext(profile, available, usable, weights, kvPerToken);
        if (largest < context) {
            reasons.add(largest == 0 ? "the weights alone do not fit"
                    : String.format(Locale.ROOT, "at most %d tokens of context would fit (--max-model-len %d)",
                            largest, largest));
        }
        return new FitReport(profile.id(), pool, true, reasons.isEmpty(), tensorParallel, gpus.size(), context,
                kvPerToken, gib(weights), gib(kvCache), gib(overheadBytes), gib(required), gib(available), largest,
                reasons);
    }

    /** The longest context whose KV cache fits on {@code usable} GPUs beside the weights, at most the model's own. */
    private int largestContext(ModelProfile profile, double availablePerGpu, int usable, double weights,
            long kvPerToken) {
        double forKvCache = (availablePerGpu - overheadBytes) * usable - weights;
        if (forKvCache <= 0) {
            return 0;
        }
        return (int) Math.min(profile.architecture().contextLength(), Math.floor(forKvCache / kvPerToken));
    }

    /** Per GPU, of the smallest of the GPUs the model would use: tensor parallelism splits evenly. */
    private static double usableBytes(List<GpuDevice> gpus, int usable, double utilization) {
        return smallest(gpus, usable).memoryTotalMib() * 1024.0 * 1024 * utilization;
    }

    private static GpuDevice smallest(List<GpuDevice> gpus, int usable) {
        return gpus.stream().sorted(Comparator.comparingLong(GpuDevice::memoryTotalMib).reversed())
                .limit(Math.max(1, usable)).min(Comparator.comparingLong(GpuDevice::memoryTotalMib)).orElseThrow();
    }

    private static double gib(double bytes) {
        return Math.round(bytes / GIB * 100) / 100.0;
    }
}
