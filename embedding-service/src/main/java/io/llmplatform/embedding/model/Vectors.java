package io.llmplatform.embedding.model;

import java.util.List;

/** A model's vectors, one per input in input order, and the input tokens it used for them. */
public record Vectors(List<float[]> vectors, int promptTokens) {
}
