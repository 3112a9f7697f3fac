package io.llmplatform.embedding.embeddings;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.embedding.model.ModelInput;
import io.llmplatform.support.PlatformException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code input} in any of OpenAI's four shapes (a string, strings, token ids, lists of token ids) and refuses,
 * with a 400 naming {@code input}, what OpenAI refuses: nothing, an empty string or list, mixed or wrong types, more
 * inputs than the limit.
 */
final class EmbeddingInputs {

    private static final String FIELD = "input";

    static List<ModelInput> read(JsonNode input, int maxInputs) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw invalid("input is required");
        }
        if (input.isString()) {
            return List.of(text(input, "input"));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw invalid("input must be a string or a non-empty array of strings, of token ids or of token id "
                    + "arrays");
        }
        if (input.get(0).isNumber()) {
            return List.of(tokenIds(input, "input"));
        }
        if (input.size() > maxInputs) {
            throw invalid("input has " + input.size() + " items; at most " + maxInputs + " are taken per request");
        }
        boolean texts = input.get(0).isString();
        List<ModelInput> inputs = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode element = input.get(i);
            String where = "input[" + i + "]";
            if (texts && element.isString()) {
                inputs.add(text(element, where));
            } else if (!texts && element.isArray()) {
                inputs.add(tokenIds(element, where));
            } else {
                throw invalid(where + " must be " + (texts ? "a string, like input[0]" : "an array of token ids, like "
                        + "input[0]"));
            }
        }
        return inputs;
    }

    private static ModelInput text(JsonNode text, String where) {
        if (text.asString().isEmpty()) {
            throw invalid(where + " must not be empty");
        }
        return new ModelInput.Text(text.asString());
    }

    private static ModelInput tokenIds(JsonNode ids, String where) {
        if (ids.isEmpty()) {
            throw invalid(where + " must not be empty");
        }
        long[] tokens = new long[ids.size()];
        for (int i = 0; i < tokens.length; i++) {
            JsonNode id = ids.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw invalid(where + " must hold only integer token ids");
            }
            tokens[i] = id.asLong();
        }
        return new ModelInput.TokenIds(tokens);
    }

    private static PlatformException invalid(String message) {
        return new PlatformException(ErrorCode.VALIDATION_FAILED, message, FIELD);
    }

    private EmbeddingInputs() {
    }
}
