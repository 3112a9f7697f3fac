package io.llmplatform.simulator.tokenizer;

import io.llmplatform.simulator.http.VllmError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The texts of a completions {@code prompt} or an embeddings {@code input}: a string, a list of strings, a list of
 * token ids or a list of such lists; each with its token count (for token ids, how many there are).
 */
public record Prompts(List<String> texts, List<Integer> tokenCounts) {

    public static Prompts read(JsonNode prompt, SimulatedTokenizer tokenizer, String field) {
        if (prompt == null || prompt.isNull()) {
            throw VllmError.badRequest(field + " is required", field);
        }
        List<String> texts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        if (prompt.isString()) {
            addText(prompt.asString(), tokenizer, texts, counts);
        } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
            addTokens(prompt, tokenizer, texts, counts, field);
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            for (JsonNode element : prompt) {
                if (element.isString()) {
                    addText(element.asString(), tokenizer, texts, counts);
                } else if (element.isArray() && !element.isEmpty()) {
                    addTokens(element, tokenizer, texts, counts, field);
                } else {
                    throw invalid(field);
                }
            }
        } else {
            throw invalid(field);
        }
        return new Prompts(texts, counts);
    }

    private static void addText(String text, SimulatedTokenizer tokenizer, List<String> texts, List<Integer> counts) {
        texts.add(text);
        counts.add(tokenizer.count(text));
    }

    private static void addTokens(JsonNode ids, SimulatedTokenizer tokenizer, List<String> texts,
            List<Integer> counts, String field) {
        List<Integer> tokenIds = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber()) {
                throw invalid(field);
            }
            tokenIds.add(id.asInt());
        }
        try {
            texts.add(tokenizer.decode(tokenIds));
        } catch (IllegalArgumentException e) {
            throw VllmError.badRequest(e.getMessage(), field);
        }
        counts.add(tokenIds.size());
    }

    private static VllmError invalid(String field) {
        return VllmError.badRequest(field
                + " must be a string, a list of strings, a list of token ids or a list of token id lists", field);
    }
}
