package io.llmplatform.simulator.tools;

import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.contracts.openai.Tool;
import io.llmplatform.simulator.http.VllmError;
import io.llmplatform.simulator.tokenizer.ChatTemplate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a request's {@code tools} and {@code tool_choice} make the model do, decided as vLLM does (with
 * {@code --enable-auto-tool-choice}) and as a model plausibly would:
 * <ul>
 *   <li>{@code none}, or no tools: answer in text;</li>
 *   <li>a named function: call it; {@code finish_reason} stays {@code stop}, as OpenAI and vLLM answer;</li>
 *   <li>{@code required}: call the tool the last user message names, else the first; {@code tool_calls};</li>
 *   <li>{@code auto} (the default when tools are given): call the tool the last user message names, unless the
 *       conversation ends with a tool's result, which the model then answers in text; {@code tool_calls}.</li>
 * </ul>
 *
 * @param function the function to call, or null to answer in text
 * @param reportedAsToolCalls whether the call ends with {@code finish_reason: "tool_calls"} rather than {@code stop}
 */
public record ToolChoice(Tool.Function function, boolean reportedAsToolCalls) {

    private static final ToolChoice TEXT = new ToolChoice(null, false);

    public boolean callsATool() {
        return function != null;
    }

    /** Refuses what vLLM refuses: a forced choice without tools, a named function that is not among them. */
    public static ToolChoice decide(List<Tool> tools, JsonNode toolChoice, List<ChatMessage> messages) {
        boolean hasTools = tools != null && !tools.isEmpty();
        if (toolChoice == null || toolChoice.isNull()) {
            return hasTools ? auto(tools, messages) : TEXT;
        }
        if (toolChoice.isString()) {
            return switch (toolChoice.asString()) {
                case "none" -> TEXT;
                case "auto" -> hasTools ? auto(tools, messages) : TEXT;
                case "required" -> new ToolChoice(named(requireTools(hasTools, tools), ChatTemplate.lastUserText(messages))
                        .orElse(tools.getFirst().function()), true);
                default -> throw VllmError.badRequest("tool_choice must be 'none', 'auto', 'required' or a named "
                        + "function, got '" + toolChoice.asString() + "'.", "tool_choice");
            };
        }
        String name = toolChoice.path("function").path("name").asString("");
        if (name.isEmpty()) {
            throw VllmError.badRequest("tool_choice must name a function: {\"type\": \"function\", \"function\": "
                    + "{\"name\": ...}}.", "tool_choice");
        }
        return requireTools(hasTools, tools).stream().map(Tool::function)
                .filter(function -> function != null && name.equals(function.name())).findFirst()
                .map(function -> new ToolChoice(function, false))
                .orElseThrow(() -> VllmError.badRequest("Tool '" + name + "' has not been passed in `tools`.",
                        "tool_choice"));
    }

    private static ToolChoice auto(List<Tool> tools, List<ChatMessage> messages) {
        if (!messages.isEmpty() && ChatMessage.TOOL.equals(messages.getLast().role())) {
            return TEXT;
        }
        return named(tools, ChatTemplate.lastUserText(messages)).map(function -> new ToolChoice(function, true))
                .orElse(TEXT);
    }

    /** The first tool whose name the text mentions, as written or with spaces for its underscores. */
    private static Optional<Tool.Function> named(List<Tool> tools, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return tools.stream().map(Tool::function)
                .filter(function -> function != null && function.name() != null)
                .filter(function -> {
                    String name = function.name().toLowerCase(Locale.ROOT);
                    return lower.contains(name) || lower.contains(name.replace('_', ' '));
                })
                .findFirst();
    }

    private static List<Tool> requireTools(boolean hasTools, List<Tool> tools) {
        if (!hasTools) {
            throw VllmError.badRequest("When using `tool_choice`, `tools` must be set.", "tool_choice");
        }
        return tools;
    }
}
