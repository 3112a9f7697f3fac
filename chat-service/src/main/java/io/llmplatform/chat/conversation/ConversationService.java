package io.llmplatform.chat.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.chat.model.ModelEndpoint;
import io.llmplatform.chat.model.ModelRegistry;
import io.llmplatform.chat.preset.Preset;
import io.llmplatform.chat.preset.PresetService;
import io.llmplatform.chat.retrieval.PreparedPrompt;
import io.llmplatform.chat.retrieval.PromptRequest;
import io.llmplatform.chat.retrieval.RetrievalAugmentation;
import io.llmplatform.chat.upstream.ModelServerClient;
import io.llmplatform.chat.usage.ModelCall;
import io.llmplatform.chat.usage.UsageRecorder;
import io.llmplatform.contracts.chat.ChatReply;
import io.llmplatform.contracts.chat.ChatRequest;
import io.llmplatform.contracts.chat.TokenUsage;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.contracts.openai.Usage;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.quota.QuotaAdmission;
import io.llmplatform.support.quota.Reservation;
import io.llmplatform.support.security.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations through LangChain4j. A turn is admitted first (owner, model, quota), the model answers, and only
 * then is anything stored: the user's message, the reply, the memory window and the usage event, in one transaction.
 * A turn that fails leaves the conversation as it was, and a first message that fails leaves no conversation.
 */
@Service
class ConversationService {

    private final ConversationRepository conversations;
    private final ConversationMessageRepository messages;
    private final PostgresChatMemoryStore memoryStore;
    private final PresetService presets;
    private final ModelRegistry models;
    private final QuotaAdmission quota;
    private final UsageRecorder usage;
    private final ModelServerClient modelServers;
    private final RetrievalAugmentation retrieval;
    private final MessageSources sourcesJson;
    private final TokenCountEstimator tokens;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int memoryTokens;

    ConversationService(ConversationRepository conversations, ConversationMessageRepository messages,
            PostgresChatMemoryStore memoryStore, PresetService presets, ModelRegistry models, QuotaAdmission quota,
            UsageRecorder usage, ModelServerClient modelServers, RetrievalAugmentation retrieval,
            MessageSources sourcesJson, TokenCountEstimator tokens, TransactionTemplate transaction, Clock clock,
            ChatProperties properties) {
        this.conversations = conversations;
        this.messages = messages;
        this.memoryStore = memoryStore;
        this.presets = presets;
        this.models = models;
        this.quota = quota;
        this.usage = usage;
        this.modelServers = modelServers;
        this.retrieval = retrieval;
        this.sourcesJson = sourcesJson;
        this.tokens = tokens;
        this.transaction = transaction;
        this.clock = clock;
        this.memoryTokens = properties.memoryTokens();
    }

    /**
     * Admits a turn: the caller owns the conversation, the model exists, the passages asked for are retrieved and
     * fitted with the history into the model's context, and the quota holds the worst case.
     */
    Turn begin(Caller caller, ChatRequest request, String requestId, long receivedNanos, boolean streaming) {
        boolean isNew = request.conversationId() == null;
        Preset preset = isNew && request.presetId() != null ? presets.visible(caller, request.presetId()) : null;
        Conversation conversation = isNew ? start(caller, request, preset) : owned(caller, request.conversationId());
        ModelEndpoint model = models.resolve(request.model() != null ? request.model() : conversation.model());
        SystemMessage system = isNew && conversation.systemPrompt() != null
                ? SystemMessage.from(conversation.systemPrompt()) : null;

        List<ChatMessage> history = new ArrayList<>();
        if (system != null) {
            history.add(system);
        }
        history.addAll(memory(conversation.id()).messages());
        UserMessage user = UserMessage.from(request.message());

        Integer maxTokens = request.maxTokens() != null ? request.maxTokens()
                : preset != null ? preset.maxTokens() : null;
        Double temperature = request.temperature() != null ? request.temperature()
                : preset != null ? preset.temperature() : null;
        PreparedPrompt prompt = retrieval.prepare(new PromptRequest(caller, requestId, model, conversation.id(),
                history, user, request.rag(), maxTokens, true));
        UUID callId = UUID.randomUUID();
        // The passages are part of the prompt: the reservation covers them.
        Reservation reservation = quota.reserve(caller.userId(), callId.toString(),
                prompt.promptTokens() + (maxTokens != null ? maxTokens
                        : Math.max(1, model.contextTokens() - prompt.promptTokens())));
        ModelCall call = new ModelCall(callId, caller, model.name(), requestId, reservation, receivedNanos,
                streaming);
        return new Turn(conversation, isNew, model, system, prompt.messages(), user, temperature, maxTokens, call,
                prompt.sources(), prompt.retrieval());
    }

    /** Asks the model and stores the exchange; a model that fails leaves nothing stored. */
    ChatReply complete(Turn turn) {
        ChatResponse response;
        try {
            response = modelServers.chat(turn.model(), turn.request());
        } catch (PlatformException failed) {
            abandon(turn);
            throw failed;
        }
        var used = response.tokenUsage();
        Usage spent = used != null ? Usage.of(used.inputTokenCount(), used.outputTokenCount())
                : estimated(turn, 0);
        return finish(turn, response.aiMessage().text(), spent, UsageStatus.SUCCESS, 0);
    }

    /** What the tokens of a turn cut short are billed at: the prompt as estimated, one token per partial answer. */
    Usage estimated(Turn turn, int partialAnswers) {
        return Usage.of(tokens.estimateTokenCountInMessages(turn.messages()), partialAnswers);
    }

    /** Stores the exchange and its usage together. */
    ChatReply finish(Turn turn, String reply, Usage spent, UsageStatus status, long firstTokenNanos) {
        return transaction.execute(tx -> {
            Conversation conversation = turn.newConversation() ? conversations.saveAndFlush(turn.conversation())
                    : conversations.lock(turn.conversation().id()).orElseThrow(this::gone);
            ChatMemory memory = memory(conversation.id());
            if (turn.newSystemMessage() != null) {
                memory.add(turn.newSystemMessage());
            }
            memory.add(turn.userMessage());
            memory.add(AiMessage.from(reply));
            int position = messages.lastPosition(conversation.id());
            messages.save(new ConversationMessage(conversation.id(), position + 1, ConversationMessage.USER,
                    turn.userMessage().singleText(), null, null, null, clock.instant()));
            messages.save(new ConversationMessage(conversation.id(), position + 2, ConversationMessage.ASSISTANT,
                    reply, turn.model().name(), spent.promptTokens(), spent.completionTokens(), clock.instant())
                    .withSources(sourcesJson.write(turn.sources()), sourcesJson.write(turn.retrieval())));
            conversation.touched(clock.instant());
            usage.record(turn.call(), spent, status, firstTokenNanos);
            long latency = (System.nanoTime() - turn.call().receivedNanos()) / 1_000_000;
            return new ChatReply(conversation.id(), turn.userMessage().singleText(), reply, turn.model().name(),
                    TokenUsage.of(spent.promptTokens(), spent.completionTokens()), latency, turn.sources(),
                    turn.retrieval());
        });
    }

    /** The model never answered: nothing is stored and the reservation is returned. */
    void abandon(Turn turn) {
        usage.release(turn.call());
    }

    private Conversation start(Caller caller, ChatRequest request, Preset preset) {
        String systemPrompt = request.systemPrompt() != null ? request.systemPrompt()
                : preset != null ? preset.systemPrompt() : null;
        String model = request.model() != null ? request.model() : preset != null ? preset.model() : null;
        return new Conversation(caller.userId(), request.message(), models.resolve(model).name(),
                preset != null ? preset.id() : null, systemPrompt, clock.instant());
    }

    Conversation owned(Caller caller, UUID id) {
        return conversations.findOwned(id, caller.userId()).orElseThrow(this::gone);
    }

    private ChatMemory memory(UUID conversationId) {
        return TokenWindowChatMemory.builder().id(conversationId).maxTokens(memoryTokens, tokens)
                .chatMemoryStore(memoryStore).build();
    }

    private PlatformException gone() {
        return new PlatformException(ErrorCode.NOT_FOUND, "No such conversation", "conversationId");
    }
}
