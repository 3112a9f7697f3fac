package io.llmplatform.simulator.model;

/** A LoRA adapter loaded at runtime; it is served under its own name on top of {@code baseModel}. */
public record LoraAdapter(String name, String path, String baseModel) {
}
