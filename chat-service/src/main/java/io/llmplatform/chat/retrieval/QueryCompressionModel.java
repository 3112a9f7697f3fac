package io.llmplatform.chat.retrieval;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.upstream.ModelServerClient;
import io.llmplatform.chat.usage.ModelCall;
import io.llmplatform.chat.usage.UsageRecorder;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.quota.QuotaAdmission;
import io.llmplatform.support.security.Caller;
import java.util.UUID;

/**
 * The conversation's own model as LangChain4j's {@code CompressingQueryTransformer} calls it, to turn a follow-up
 * question into one that stands alone for search. It is a model call like any other: admitted against the user's
 * quota, guarded by the endpoint's circuit breaker, short (a bounded answer at temperature 0), and billed as its
 * own usage event.
 */
final class QueryCompressionModel implements ChatModel {

    private final ModelServerClient modelServers;
    private final QuotaAdmission quota;
    private final UsageRecorder usage;
    private final TokenCountEstimator tokens;
    private final ModelEndpoint endpoint;
    private final Caller caller;
    private final String requestId;
    private final int maxTokens;

    QueryCompressionModel(ModelServerClient modelServers, QuotaAdmission quota, UsageRecorder usage,
            TokenCountEstimator tokens, ModelEndpoint endpoint, Caller caller, String requestId, int maxTokens) {
        this.modelServers = modelServers;
        this.quota = quota;
        this.usage = usage;
        this.tokens = tokens;
        this.endpoint = endpoint;
        this.caller = caller;
        this.requestId = requestId;
        this.maxTokens = maxTokens;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatRequest bounded = ChatRequest.builder().messages(request.messages()).temperature(0.0)
                .maxOutputTokens(maxTokens).build();
        UUID callId = UUID.randomUUID();
        int prompt = tokens.estimateTokenCountInMessages(request.messages());
        ModelCall call = new ModelCall(callId, caller, endpoint.name(), requestId,
                quota.reserve(caller.userId(), callId.toString(), prompt + maxTokens), System.nanoTime(), false);
        ChatResponse response;
        try {
            response = modelServers.chat(endpoint, bounded);
        } catch (PlatformException failed) {
            usage.release(call);
            throw failed;
        }
        var used = response.tokenUsage();
        usage.record(call, used != null ? Usage.of(used.inputTokenCount(), used.outputTokenCount())
                : Usage.of(prompt, 1), UsageStatus.SUCCESS, 0);
        return response;
    }
}
