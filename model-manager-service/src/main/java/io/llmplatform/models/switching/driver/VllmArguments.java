package io.llmplatform.models.switching.driver;

import io.llmplatform.contracts.models.ModelProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code vllm serve} arguments of a profile, for drivers that start vLLM themselves (a container, a pod). */
final class VllmArguments {

    static final int PORT = 8000;

    static List<String> of(ModelProfile profile) {
        List<String> args = new ArrayList<>(List.of(profile.model(),
                "--served-model-name", profile.nameServed(),
                "--tensor-parallel-size", Integer.toString(profile.vllm().tensorParallelSize()),
                "--gpu-memory-utilization", String.format(Locale.ROOT, "%.2f", profile.vllm().gpuMemoryUtilization()),
                "--port", Integer.toString(PORT)));
        if (profile.vllm().maxModelLen() != null) {
            args.addAll(List.of("--max-model-len", Integer.toString(profile.vllm().maxModelLen())));
        }
        if (profile.quantization() == null) {
            args.addAll(List.of("--dtype", profile.dtype()));
        }
        args.addAll(profile.vllm().extraArgs());
        return List.copyOf(args);
    }

    private VllmArguments() {
    }
}
