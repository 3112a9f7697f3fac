package io.llmplatform.contracts;

import static io.llmplatform.contracts.Payloads.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.events.ModelAnnouncement;
import io.llmplatform.contracts.events.ModelState;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.models.GpuDeclaration;
import io.llmplatform.contracts.models.GpuDevice;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelContractsJsonTest {

    private static final ModelAnnouncement SWITCHING = new ModelAnnouncement("gpu-a", "qwen2-7b-instruct",
            "Qwen/Qwen2-7B-Instruct", "Qwen/Qwen2-7B-Instruct", "old-model", "http://vllm-a:8000", ModelState.LOADING,
            32768, ModelTask.CHAT, UUID.randomUUID(), null, Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void announcementRoundTripsWithLowerCaseTaskAndIgnoresFieldsAddedLater() {
        String json = MAPPER.writeValueAsString(SWITCHING);
        JsonNode tree = MAPPER.readTree(json);
        String withNewField = json.substring(0, json.length() - 1) + ",\"replicas\":3}";

        assertThat(tree.get("task").asString()).isEqualTo("chat");
        assertThat(tree.get("state").asString()).isEqualTo("LOADING");
        assertThat(tree.has("reason")).as("absent optional fields stay absent").isFalse();
        assertThat(MAPPER.readValue(withNewField, ModelAnnouncement.class)).isEqualTo(SWITCHING);
    }

    @Test
    void aSwitchingPoolConcernsBothItsNewAndItsPreviousModelButAReadyOneOnlyItsOwn() {
        ModelAnnouncement ready = new ModelAnnouncement("gpu-a", null, "m", "Qwen/Qwen2-7B-Instruct", "old-model",
                "http://vllm-a:8000", ModelState.READY, 32768, ModelTask.CHAT, null, null, Instant.now());

        assertThat(SWITCHING.concerns("old-model")).isTrue();
        assertThat(SWITCHING.concerns("Qwen/Qwen2-7B-Instruct")).isTrue();
        assertThat(ready.concerns("old-model")).isFalse();
        assertThat(ModelTask.of(" Embed ")).isEqualTo(ModelTask.EMBED);
    }

    @Test
    void gpuDeclarationsReadNameCountAndMemoryFromTheNameOrAnExplicitSize() {
        assertThat(GpuDeclaration.devices("NVIDIA A100-SXM4-80GB:2, NVIDIA L4:1:24")).containsExactly(
                new GpuDevice(0, "NVIDIA A100-SXM4-80GB", null, 81920, null, null),
                new GpuDevice(1, "NVIDIA A100-SXM4-80GB", null, 81920, null, null),
                new GpuDevice(2, "NVIDIA L4", null, 24576, null, null));
        assertThat(GpuDeclaration.devices(" ")).isEmpty();
        assertThatThrownBy(() -> GpuDeclaration.parse("NVIDIA L4:1")).hasMessageContaining("no memory size");
        assertThatThrownBy(() -> GpuDeclaration.parse("NVIDIA L4")).hasMessageContaining("NAME:COUNT");
        assertThatThrownBy(() -> GpuDeclaration.parse("NVIDIA A100 80GB:0")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
