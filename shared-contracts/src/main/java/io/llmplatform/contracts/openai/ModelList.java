package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /v1/models}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(String object, List<Model> data) {

    public static ModelList of(List<Model> models) {
        return new ModelList("list", models);
    }

    /**
     * A model card. {@code root}, {@code parent} (set for a LoRA adapter: its base model) and
     * {@code max_model_len} are vLLM's additions.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(
            String id,
            String object,
            long created,
            String ownedBy,
            String root,
            String parent,
            Integer maxModelLen,
            JsonNode permission) {

        public static Model of(String id, long created, String ownedBy) {
            return new Model(id, "model", created, ownedBy, null, null, null, null);
        }
    }
}
