package io.llmplatform.models.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.support.PlatformException;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog file: the shipped one is complete and valid; a bad one is refused with every line and field. */
class CatalogReaderTest {

    private final CatalogReader reader = new CatalogReader(Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void theShippedCatalogHasTheSeedModelsWithTheirPublishedArchitecture() {
        List<ModelProfile> profiles = reader.read("shipped", resource("/" + ModelCatalog.SHIPPED));

        assertThat(profiles).extracting(ModelProfile::id).contains("deepseek-r1-distill-qwen-14b",
                "deepseek-coder-6.7b-instruct", "deepseek-coder-33b-instruct", "qwen2-7b-instruct",
                "qwen2.5-14b-instruct", "llama-3-8b-instruct", "llama-3-70b-instruct", "phi-3-mini-4k-instruct",
                "codellama-7b-instruct").hasSizeGreaterThanOrEqualTo(10);
        ModelProfile llama = profiles.stream().filter(p -> p.id().equals("llama-3-8b-instruct")).findFirst()
                .orElseThrow();
        assertThat(llama.architecture()).isEqualTo(new ModelProfile.Architecture(32, 32, 8, 128, 8192));
        assertThat(llama.nameServed()).isEqualTo("meta-llama/Meta-Llama-3-8B-Instruct");
    }

    @Test
    void everyInvalidFieldIsReportedWithItsLine() {
        assertThatThrownBy(() -> reader.read("bad.yaml", resource("/catalogs/invalid-fields.yaml")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CATALOG_INVALID);
                    assertThat(e.getMessage()).isEqualTo("The catalog bad.yaml is invalid (3 problems); the catalog "
                            + "in use stays");
                    assertThat(e.violations()).containsExactly(
                            new FieldViolation("profiles[0].architecture.layers", "line 9: must be greater than or "
                                    + "equal to 1"),
                            new FieldViolation("profiles[0].dtype", "line 7: must be bfloat16, float16 or float32"),
                            new FieldViolation("profiles[1].vllm.gpuMemoryUtilization",
                                    "line 21: must be less than or equal to 1.0"));
                });
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() {
        assertThatThrownBy(() -> reader.read("typo.yaml", resource("/catalogs/unknown-field.yaml")))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    FieldViolation only = e.violations().getFirst();
                    assertThat(only.field()).isEqualTo("profiles[0].architecture.kvHead");
                    assertThat(only.message()).startsWith("line 9: ").contains("kvHead");
                });
    }

    @Test
    void fieldsThatContradictEachOtherAreReported() {
        assertThatThrownBy(() -> reader.read("inconsistent.yaml", resource("/catalogs/inconsistent.yaml")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.violations()).containsExactly(
                        new FieldViolation("profiles[0].vllm.tensorParallelSize",
                                "line 10: must divide attentionHeads (32), as vLLM requires"),
                        new FieldViolation("profiles[0].vllm.maxModelLen",
                                "line 10: must not exceed the model's contextLength (8192)"),
                        new FieldViolation("profiles[1].id", "line 11: another profile already has the id 'twin'")));
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> reader.read("broken.yaml", "profiles:\n  - id: a\n    displayName: [unclosed\n"))
                .isInstanceOfSatisfying(PlatformException.class, e ->
                        assertThat(e.violations().getFirst().message()).startsWith("line "));
    }

    static String resource(String path) {
        try (InputStream in = CatalogReaderTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
