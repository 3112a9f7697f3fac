package io.llmplatform.simulator.completion;

import io.llmplatform.contracts.openai.ChatCompletionChunk;
import io.llmplatform.contracts.openai.ChatCompletionChunk.Choice;
import io.llmplatform.contracts.openai.ChatCompletionChunk.Delta;
import io.llmplatform.contracts.openai.ToolCall;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.simulator.generation.PlannedToolCall;
import io.llmplatform.simulator.http.SimulatorJson;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.StringNode;

/** The {@code chat.completion.chunk} events of one stream, as vLLM writes them. */
final class ChatChunks {

    private final SimulatorJson json;
    private final String id;
    private final long created;
    private final String model;
    private final ChunkTemplate content;

    ChatChunks(SimulatorJson json, String id, long created, String model) {
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
        this.content = new ChunkTemplate(new String(json.write(chunk(
                new Choice(0, new Delta(null, ChunkTemplate.TEXT_MARKER, null, null), null, null, null), null)),
                StandardCharsets.UTF_8));
    }

    /** The first event of each choice: the assistant role and empty content. */
    byte[] role(int index) {
        return json.write(chunk(new Choice(index, new Delta("assistant", "", null, null), null, null, null), null));
    }

    void writeContent(ByteBuf out, int index, String text) {
        content.write(out, index, text);
    }

    /** A choice's last content chunk, which carries its finish reason and vLLM's stop reason. */
    byte[] last(int index, String text, String finishReason, String stopReason) {
        return json.write(chunk(new Choice(index, new Delta(null, text, null, null), null, finishReason,
                stopReason == null ? null : StringNode.valueOf(stopReason)), null));
    }

    /** A content chunk that also reports usage so far, for {@code stream_options.continuous_usage_stats}. */
    byte[] contentWithUsage(int index, String text, String finishReason, Usage usage) {
        return json.write(chunk(new Choice(index, new Delta(null, text, null, null), null, finishReason, null),
                usage));
    }

    /**
     * A tool call's delta, as vLLM streams one: the first names the call (id, type, function name) with the first
     * piece of its arguments, each later one adds the next piece; the last carries the finish reason.
     */
    byte[] toolCall(int index, PlannedToolCall call, boolean first, String arguments, String finishReason,
            Usage usage) {
        ToolCall delta = first ? new ToolCall(0, call.id(), "function", new ToolCall.Function(call.name(), arguments))
                : new ToolCall(0, null, null, new ToolCall.Function(null, arguments));
        return json.write(chunk(new Choice(index, new Delta(null, null, List.of(delta), null), null, finishReason,
                null), usage));
    }

    /** The final chunk of a stream that asked for usage: no choices, only usage. */
    byte[] usage(Usage usage) {
        return json.write(new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(), usage,
                null));
    }

    private ChatCompletionChunk chunk(Choice choice, Usage usage) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(choice), usage, null);
    }
}
