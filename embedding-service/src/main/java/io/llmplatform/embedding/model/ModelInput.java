package io.llmplatform.embedding.model;

/** One input to embed: a text, or token ids of the model's own vocabulary (used as given, as vLLM does). */
public sealed interface ModelInput {

    /** A text to embed. */
    record Text(String text) implements ModelInput {
    }

    /** Token ids to embed as they are. */
    record TokenIds(long[] ids) implements ModelInput {
    }
}
