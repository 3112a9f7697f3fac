package io.llmplatform.contracts.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmplatform.contracts.events.ModelTask;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * A model the platform can run on a pool: its weights, the architecture numbers that size its memory, and how vLLM
 * serves it. The catalog file holds these as YAML, in exactly this shape (its reader refuses unknown fields; other
 * readers ignore fields added later).
 *
 * @param id the catalog's own name for it, used to ask for a switch
 * @param model the Hugging Face repository vLLM loads ({@code --model})
 * @param servedModelName the name clients use ({@code --served-model-name}); the repository id if absent
 * @param parametersBillions parameters in billions, which with the dtype (or quantisation) sizes the weights
 * @param dtype the weights' type: {@code bfloat16}, {@code float16} or {@code float32}
 * @param quantization {@code awq}, {@code gptq} (4 bits), {@code fp8} or {@code int8}, if the weights are quantised
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelProfile(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be lower case letters, digits, '.', '_' or '-'")
        String id,
        @NotBlank String displayName,
        @NotBlank String model,
        String servedModelName,
        @NotNull ModelTask task,
        @NotNull @Positive Double parametersBillions,
        @NotNull @Pattern(regexp = "bfloat16|float16|float32", message = "must be bfloat16, float16 or float32")
        String dtype,
        @Pattern(regexp = "awq|gptq|fp8|int8", message = "must be awq, gptq, fp8 or int8") String quantization,
        @NotNull @Valid Architecture architecture,
        @NotNull @Valid VllmArguments vllm) {

    /** The name clients and vLLM use for the model. */
    public String nameServed() {
        return servedModelName != null && !servedModelName.isBlank() ? servedModelName : model;
    }

    /**
     * The numbers from the model's {@code config.json} that size its KV cache.
     *
     * @param layers {@code num_hidden_layers}
     * @param attentionHeads {@code num_attention_heads}
     * @param kvHeads {@code num_key_value_heads} (fewer than the attention heads with grouped-query attention)
     * @param headDim {@code head_dim}, or hidden size / attention heads
     * @param contextLength {@code max_position_embeddings}
     */
        public record Architecture(
            @NotNull @Min(1) Integer layers,
            @NotNull @Min(1) Integer attentionHeads,
            @NotNull @Min(1) Integer kvHeads,
            @NotNull @Min(1) Integer headDim,
            @NotNull @Min(1) Integer contextLength) {
    }

    /**
     * How vLLM serves the model.
     *
     * @param maxModelLen {@code --max-model-len}: the context vLLM reserves KV cache for; the model's own if absent
     * @param image the vLLM container image, where the deployment's default will not do
     * @param extraArgs more {@code vllm serve} arguments, as written on its command line
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
        public record VllmArguments(
            @NotNull @Min(1) Integer tensorParallelSize,
            @NotNull @DecimalMin(value = "0.05") @DecimalMax(value = "1.0") Double gpuMemoryUtilization,
            @Min(1) Integer maxModelLen,
            String image,
            List<@NotBlank String> extraArgs) {

        public VllmArguments {
            extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        }
    }
}
