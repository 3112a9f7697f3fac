package io.llmplatform.contracts.chat;

/**
 * The server-sent events of {@code POST /api/v1/chat/stream}: any number of {@code delta}, then {@code usage} and
 * {@code done} (the whole {@link ChatReply}), or {@code error} (a problem body) instead.
 */
public final class ChatStreamEvents {

    public static final String DELTA = "delta";
    public static final String USAGE = "usage";
    public static final String DONE = "done";
    public static final String ERROR = "error";

    /** The data of a {@code delta} event. */
    public record Delta(String content) {
    }

    private ChatStreamEvents() {
    }
}
