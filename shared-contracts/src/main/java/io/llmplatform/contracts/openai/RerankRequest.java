package io.llmplatform.contracts.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /v1/rerank}, in the shape vLLM, Cohere and Jina share: a query, the documents to order by relevance to
 * it, and optionally how many of the best to return ({@code top_n}; absent or 0: all) and whether to echo their
 * text. {@code documents} stays JSON because each may be a string or an object with a {@code text}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RerankRequest(
        String model,
        String query,
        JsonNode documents,
        Integer topN,
        Boolean returnDocuments) {

    public static RerankRequest of(String model, String query, List<String> documents) {
        ArrayNode texts = JsonNodeFactory.instance.arrayNode(documents.size());
        documents.forEach(texts::add);
        return new RerankRequest(model, query, texts, null, null);
    }
}
