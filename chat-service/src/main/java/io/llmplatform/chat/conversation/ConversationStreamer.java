package io.llmplatform.chat.conversation;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.chat.upstream.ModelServerClient;
import io.llmplatform.contracts.chat.ChatReply;
import io.llmplatform.contracts.chat.ChatStreamEvents;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a conversation turn as server-sent events ({@code sources} when retrieval was asked for, {@code delta}...
 * {@code usage}, {@code done}, or {@code error})
 * while LangChain4j's streaming model produces it. A client that goes away cancels the model's stream at the next
 * token; what was generated until then is stored and billed.
 */
@Component
class ConversationStreamer {

    private final ConversationService conversations;
    private final ModelServerClient modelServers;
    private final JsonMapper json;
    private final Duration requestTimeout;

    ConversationStreamer(ConversationService conversations, ModelServerClient modelServers, JsonMapper json,
            ChatProperties properties) {
        this.conversations = conversations;
        this.modelServers = modelServers;
        this.json = json;
        this.requestTimeout = properties.timeouts().request();
    }

    private record Outcome(UsageStatus status, Usage usage, PlatformException failure) {
    }

    void stream(Turn turn, SseWriter events) {
        StringBuilder reply = new StringBuilder();
        AtomicInteger partials = new AtomicInteger();
        AtomicLong firstToken = new AtomicLong();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (turn.retrieval() != null
                && !events.event(ChatStreamEvents.SOURCES, new ChatStreamEvents.Sources(turn.sources(),
                        turn.retrieval()))) {
            conversations.abandon(turn);
            return;
        }
        try {
            modelServers.streamChat(turn.model(), turn.request(), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    firstToken.compareAndSet(0, System.nanoTime());
                    reply.append(partial.text());
                    partials.incrementAndGet();
                    if (!events.event(ChatStreamEvents.DELTA, new ChatStreamEvents.Delta(partial.text()))) {
                        context.streamingHandle().cancel();
                        done.complete(new Outcome(UsageStatus.CANCELLED, null, null));
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    var used = response.tokenUsage();
                    done.complete(new Outcome(UsageStatus.SUCCESS, used == null ? null
                            : Usage.of(used.inputTokenCount(), used.outputTokenCount()), null));
                }

                @Override
                public void onError(Throwable failure) {
                    done.complete(new Outcome(UsageStatus.ERROR, null, (PlatformException) failure));
                }
            });
        } catch (PlatformException refused) {
            conversations.abandon(turn);
            events.event(ChatStreamEvents.ERROR, problem(refused));
            return;
        }
        Outcome outcome = await(done);
        if (outcome.status() != UsageStatus.SUCCESS && partials.get() == 0) {
            conversations.abandon(turn);
            events.event(ChatStreamEvents.ERROR, problem(outcome.failure()));
            return;
        }
        Usage spent = outcome.usage() != null ? outcome.usage() : conversations.estimated(turn, partials.get());
        ChatReply saved = conversations.finish(turn, reply.toString(), spent, outcome.status(), firstToken.get());
        if (outcome.status() == UsageStatus.SUCCESS) {
            events.event(ChatStreamEvents.USAGE, saved.usage());
            events.event(ChatStreamEvents.DONE, saved);
        } else if (outcome.failure() != null) {
            events.event(ChatStreamEvents.ERROR, problem(outcome.failure()));
        }
    }

    private Outcome await(CompletableFuture<Outcome> done) {
        try {
            return done.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeout) {
            return new Outcome(UsageStatus.ERROR, null, new PlatformException(ErrorCode.MODEL_TIMEOUT,
                    "The model did not finish within " + requestTimeout));
        }
    }

    private static Map<String, String> problem(PlatformException failure) {
        PlatformException known = failure != null ? failure
                : new PlatformException(ErrorCode.BAD_GATEWAY, "The model failed");
        return Map.of("code", known.code().code(), "message", known.getMessage());
    }
}
