package io.llmplatform.chat.conversation;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.chat.ChatReply;
import io.llmplatform.contracts.chat.ChatRequest;
import io.llmplatform.contracts.chat.ConversationRename;
import io.llmplatform.contracts.chat.ConversationView;
import io.llmplatform.contracts.chat.MessageView;
import io.llmplatform.support.RequestIds;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
class ConversationController {

    private final ConversationService conversations;
    private final ConversationStreamer streamer;
    private final ConversationHistory history;
    private final JsonMapper json;

    ConversationController(ConversationService conversations, ConversationStreamer streamer,
            ConversationHistory history, JsonMapper json) {
        this.conversations = conversations;
        this.streamer = streamer;
        this.history = history;
        this.json = json;
    }

    @PostMapping("/api/v1/chat")
    ChatReply chat(@Valid @RequestBody ChatRequest request, Caller caller, HttpServletRequest http) {
        Turn turn = conversations.begin(caller, request, requestId(http), receivedNanos(http), false);
        return conversations.complete(turn);
    }

    /** Errors before the first event (validation, quota, an unknown conversation) are ordinary problem responses. */
    @PostMapping(path = "/api/v1/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@Valid @RequestBody ChatRequest request, Caller caller, HttpServletRequest http,
            HttpServletResponse response) throws IOException {
        Turn turn = conversations.begin(caller, request, requestId(http), receivedNanos(http), true);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        streamer.stream(turn, new SseWriter(response.getOutputStream(), json));
    }

    @GetMapping("/api/v1/conversations")
    PageView<ConversationView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
        return history.list(caller, page, size);
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationView get(@PathVariable UUID id, Caller caller) {
        return history.get(caller, id);
    }

    @GetMapping("/api/v1/conversations/{id}/messages")
    List<MessageView> messages(@PathVariable UUID id, Caller caller) {
        return history.messages(caller, id);
    }

    @PatchMapping("/api/v1/conversations/{id}")
    ConversationView rename(@PathVariable UUID id, @Valid @RequestBody ConversationRename rename, Caller caller) {
        return history.rename(caller, id, rename.title());
    }

    @DeleteMapping("/api/v1/conversations/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        history.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    private static String requestId(HttpServletRequest http) {
        return (String) http.getAttribute(RequestIds.ATTRIBUTE);
    }

    private static long receivedNanos(HttpServletRequest http) {
        return (long) http.getAttribute(RequestIds.RECEIVED_NANOS_ATTRIBUTE);
    }
}
