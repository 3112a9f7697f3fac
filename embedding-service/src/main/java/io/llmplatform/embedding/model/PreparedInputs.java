package io.llmplatform.embedding.model;

import java.util.List;

/**
 * Inputs checked against a model's limits, with the tokens a call on them will be billed at most.
 *
 * @param tokenIds each input's token ids when the model tokenized them here (the in-process model), else null
 * @param tokens the input tokens: exact when tokenized here, an upper estimate for a remote server
 */
public record PreparedInputs(List<ModelInput> inputs, List<long[]> tokenIds, long tokens) {
}
