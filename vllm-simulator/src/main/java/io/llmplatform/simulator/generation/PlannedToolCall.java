package io.llmplatform.simulator.generation;

/**
 * The function a completion calls: its tokens are then the call's {@code arguments}, a JSON object. The engine ends
 * such a completion like any other ({@code stop} or {@code length}); the API reports {@code tool_calls} for a call
 * the model chose ({@code auto}, {@code required}) and {@code stop} for a named one, as OpenAI and vLLM do.
 */
public record PlannedToolCall(String id, String name, boolean reportedAsToolCalls) {
}
