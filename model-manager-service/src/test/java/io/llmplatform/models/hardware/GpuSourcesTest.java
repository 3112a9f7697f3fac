package io.llmplatform.models.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.contracts.models.GpuDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GPUs read from recorded nvidia-smi output and DCGM exporter metrics. */
class GpuSourcesTest {

    @Test
    void nvidiaSmiCsvWithItsHeaderAndUnitsGivesEveryGpu() {
        var gpus = NvidiaSmiOutput.parse(recorded("nvidia-smi-4xA100.csv"));

        assertThat(gpus).hasSize(4);
        assertThat(gpus.getFirst()).isEqualTo(new GpuDevice(0, "NVIDIA A100-SXM4-80GB",
                "GPU-3b7a1e2c-5f1d-4c8e-9a4b-1f2e3d4c5b6a", 81920, 73012L, 87.0));
        assertThat(gpus.get(3).memoryUsedMib()).as("[N/A]").isNull();
        assertThat(gpus.get(3).utilizationPercent()).isNull();
    }

    @Test
    void nvidiaSmiWithoutHeaderOrUnitsIsReadInTheQueryOrder() {
        var gpus = NvidiaSmiOutput.parse("0, NVIDIA L4, GPU-1, 23034, 120, 3\n1, NVIDIA L4, GPU-2, 23034, 0, 0\n");

        assertThat(gpus).extracting(GpuDevice::index, GpuDevice::memoryTotalMib, GpuDevice::memoryUsedMib)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 23034L, 120L),
                        org.assertj.core.groups.Tuple.tuple(1, 23034L, 0L));
    }

    @Test
    void dcgmExporterMetricsGiveMemoryTotalUsedAndUtilisationPerGpu() {
        var gpus = DcgmMetrics.parse(recorded("dcgm-exporter.txt"));

        assertThat(gpus).containsExactly(
                new GpuDevice(0, "NVIDIA L4", "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52", 20891 + 1683 + 434,
                        20891L, 37.0),
                new GpuDevice(1, "NVIDIA L4", "GPU-8e1b2a3c-4d5e-6f70-8192-a3b4c5d6e7f8", 22574 + 434, 0L, 0.0));
    }

    private static String recorded(String name) {
        try (InputStream in = GpuSourcesTest.class.getResourceAsStream("/hardware/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
