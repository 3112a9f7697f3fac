package io.llmplatform.models.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.models.FitReport;
import io.llmplatform.contracts.models.GpuDeclaration;
import io.llmplatform.contracts.models.ModelProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit arithmetic on worked examples, with GPUStack's factors: weights × 1.2, 2 GiB per GPU. */
class FitCalculatorTest {

    private final FitCalculator fit = new FitCalculator(1.2, 2);

    private static final ModelProfile LLAMA_3_8B = profile("llama-3-8b-instruct", 8.03, "bfloat16", null,
            new ModelProfile.Architecture(32, 32, 8, 128, 8192), 1, null);
    private static final ModelProfile LLAMA_3_70B = profile("llama-3-70b-instruct", 70.6, "bfloat16", null,
            new ModelProfile.Architecture(80, 64, 8, 128, 8192), 4, null);

    @Test
    void llama3With8KvHeadsNeeds128KibOfKvCachePerTokenAndOneGibFor8kTokens() {
        assertThat(FitCalculator.kvCacheBytesPerToken(LLAMA_3_8B)).isEqualTo(2L * 32 * 8 * 128 * 2)
                .isEqualTo(128 * 1024);

        FitReport report = fit.check(LLAMA_3_8B, "gpu", GpuDeclaration.devices("NVIDIA A100-SXM4-80GB:1"));

        assertThat(report.kvCacheGib()).isEqualTo(1.0);
        // 8.03e9 parameters × 2 bytes = 14.96 GiB; × 1.2 = 17.95 GiB; + 1 GiB KV + 2 GiB overhead.
        assertThat(report.weightsGib()).isCloseTo(17.95, within(0.01));
        assertThat(report.requiredGibPerGpu()).isCloseTo(20.95, within(0.01));
        assertThat(report.availableGibPerGpu()).isEqualTo(72.0);
        assertThat(report.fits()).isTrue();
        assertThat(report.reasons()).isEmpty();
        assertThat(report.largestFittingContext()).as("capped at the model's own context").isEqualTo(8192);
    }

    @Test
    void onA16GibGpuTheWeightsAloneDoNotFitAndTheReportSaysWhy() {
        FitReport report = fit.check(LLAMA_3_8B, "t4", GpuDeclaration.devices("Tesla T4:1:16"));

        assertThat(report.fits()).isFalse();
        assertThat(report.largestFittingContext()).isZero();
        assertThat(report.reasons()).containsExactly(
                "needs 20.9 GiB per GPU (weights 17.9, KV cache 1.0 for 8192 tokens, overhead 2.0, over 1 GPU), "
                        + "14.4 GiB usable (Tesla T4 × 0.90)",
                "the weights alone do not fit");
    }

    @Test
    void whenOnlyPartOfTheContextFitsTheLargestContextThatWouldIsGiven() {
        ModelProfile longContext = profile("qwen", 7.62, "bfloat16", null,
                new ModelProfile.Architecture(28, 28, 4, 128, 32768), 1, null);

        // 24 GiB × 0.9 = 21.6 GiB; weights 7.62e9 × 2 × 1.2 = 17.03 GiB; 2 GiB overhead: 2.57 GiB for KV cache at
        // 56 KiB per token (2 × 28 × 4 × 128 × 2) = 48,105 tokens, more than 32,768: it fits.
        FitReport onL4 = fit.check(longContext, "l4", GpuDeclaration.devices("NVIDIA L4:1:24"));
        // 20 GiB × 0.9 = 18 GiB, less than 17.03 GiB of weights and 2 GiB of overhead.
        FitReport onSmaller = fit.check(longContext, "a4500", GpuDeclaration.devices("NVIDIA RTX A4500:1:20"));

        assertThat(FitCalculator.kvCacheBytesPerToken(longContext)).isEqualTo(56 * 1024);
        assertThat(onL4.fits()).isTrue();
        assertThat(onL4.largestFittingContext()).isEqualTo(32768);
        assertThat(onSmaller.fits()).isFalse();
        assertThat(onSmaller.largestFittingContext()).isZero();

        FitReport onL4WithLessRoom = new FitCalculator(1.2, 3.5).check(longContext, "l4",
                GpuDeclaration.devices("NVIDIA L4:1:24"));
        // 21.6 - 3.5 - 17.03 = 1.07 GiB / 56 KiB = 20,000-odd tokens.
        assertThat(onL4WithLessRoom.fits()).isFalse();
        assertThat(onL4WithLessRoom.largestFittingContext()).isBetween(19_000, 21_000);
        assertThat(onL4WithLessRoom.reasons()).last().asString().startsWith("at most ")
                .endsWith("tokens of context would fit (--max-model-len " + onL4WithLessRoom.largestFittingContext()
                        + ")");
    }

    @Test
    void tensorParallelSplitsWeightsAndKvCacheOverTheGpusAndNeedsThatManyGpus() {
        // 70.6e9 × 2 bytes × 1.2 = 157.8 GiB; KV 320 KiB per token × 8192 = 2.5 GiB; over 4 GPUs + 2 GiB each.
        FitReport onFour = fit.check(LLAMA_3_70B, "big", GpuDeclaration.devices("NVIDIA A100-SXM4-80GB:4"));
        FitReport onTwo = fit.check(LLAMA_3_70B, "small", GpuDeclaration.devices("NVIDIA A100-SXM4-80GB:2"));

        assertThat(FitCalculator.kvCacheBytesPerToken(LLAMA_3_70B)).isEqualTo(320 * 1024);
        assertThat(onFour.fits()).isTrue();
        assertThat(onFour.requiredGibPerGpu()).isCloseTo((157.8 + 2.5) / 4 + 2, within(0.05));
        assertThat(onTwo.fits()).isFalse();
        assertThat(onTwo.reasons()).first().isEqualTo("needs 4 GPUs (tensor parallel size 4), the pool has 2");
        assertThat(onTwo.reasons()).contains("the weights alone do not fit");
    }

    @Test
    void fourBitWeightsTakeHalfAByteAParameter() {
        ModelProfile awq = profile("llama-3-70b-awq", 70.6, "float16", "awq", LLAMA_3_70B.architecture(), 1, null);

        FitReport report = fit.check(awq, "one", GpuDeclaration.devices("NVIDIA A100-SXM4-80GB:1"));

        assertThat(report.weightsGib()).isCloseTo(70.6e9 * 0.5 * 1.2 / (1 << 30), within(0.01));
        assertThat(report.fits()).isTrue();
    }

    @Test
    void withoutKnownGpusNothingIsCheckedAndTheReportSaysSo() {
        FitReport report = fit.check(LLAMA_3_8B, "unknown", List.of());

        assertThat(report.known()).isFalse();
        assertThat(report.fits()).isFalse();
        assertThat(report.reasons()).containsExactly("the pool's GPUs are not known: nothing was checked");
    }

    static ModelProfile profile(String id, double billions, String dtype, String quantization,
            ModelProfile.Architecture architecture, int tensorParallel, Integer maxModelLen) {
        return new ModelProfile(id, id, "org/" + id, null, ModelTask.CHAT, billions, dtype, quantization,
                architecture, new ModelProfile.VllmArguments(tensorParallel, 0.9, maxModelLen, null, List.of()));
    }
}
