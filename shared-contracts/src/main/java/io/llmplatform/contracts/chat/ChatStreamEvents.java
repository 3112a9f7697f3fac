package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The server-sent events of {@code POST /api/v1/chat/stream}: with retrieval ({@code useRag}) first one
 * {@code sources}, then any number of {@code delta}, then {@code usage} and {@code done} (the whole
 * {@link ChatReply}), or {@code error} (a problem body) instead.
 */
public final class ChatStreamEvents {

    public static final String SOURCES = "sources";
    public static final String DELTA = "delta";
    public static final String USAGE = "usage";
    public static final String DONE = "done";
    public static final String ERROR = "error";

    /** The data of a {@code delta} event. */
    public record Delta(String content) {
    }

    /** The data of a {@code sources} event, sent before the first token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sources(List<Source> sources, Retrieval retrieval) {
    }

    private ChatStreamEvents() {
    }
}
