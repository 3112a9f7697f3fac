package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A passage of the user's documents that went to the model with a retrieval-augmented answer. {@code citation} is
 * the number the prompt gave it, so an answer's {@code [2]} is the source whose citation is 2. {@code page} is set
 * for PDFs and {@code heading} where the format has headings; {@code score} is document-service's ranking score
 * (higher is better) and {@code excerpt} the passage's text as the model saw it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(
        int citation,
        UUID documentId,
        String documentName,
        String collection,
        Integer page,
        String heading,
        int chunkIndex,
        String excerpt,
        double score) {
}
