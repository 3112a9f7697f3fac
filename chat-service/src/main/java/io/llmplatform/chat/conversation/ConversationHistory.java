package io.llmplatform.chat.conversation;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.chat.ConversationView;
import io.llmplatform.contracts.chat.MessageView;
import io.llmplatform.support.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading, renaming and deleting a user's conversations; another user's conversation is as absent as none. */
@Service
class ConversationHistory {

    private final ConversationRepository conversations;
    private final ConversationMessageRepository messages;
    private final ConversationService service;
    private final MessageSources sourcesJson;
    private final Clock clock;

    ConversationHistory(ConversationRepository conversations, ConversationMessageRepository messages,
            ConversationService service, MessageSources sourcesJson, Clock clock) {
        this.sourcesJson = sourcesJson;
        this.conversations = conversations;
        this.messages = messages;
        this.service = service;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageView<ConversationView> list(Caller caller, int page, int size) {
        Page<Conversation> found = conversations.findOwnedBy(caller.userId(), PageRequest.of(page, size));
        return new PageView<>(found.map(ConversationHistory::view).getContent(), page, size,
                found.getTotalElements(), found.getTotalPages());
    }

    @Transactional(readOnly = true)
    ConversationView get(Caller caller, UUID id) {
        return view(service.owned(caller, id));
    }

    @Transactional(readOnly = true)
    List<MessageView> messages(Caller caller, UUID id) {
        Conversation conversation = service.owned(caller, id);
        return messages.findHistory(conversation.id()).stream()
                .map(m -> new MessageView(m.id(), m.role(), m.content(), m.model(), m.promptTokens(),
                        m.completionTokens(), m.createdAt(), sourcesJson.sources(m.sources()),
                        sourcesJson.retrieval(m.retrieval())))
                .toList();
    }

    @Transactional
    ConversationView rename(Caller caller, UUID id, String title) {
        Conversation conversation = service.owned(caller, id);
        conversation.rename(title, clock.instant());
        return view(conversation);
    }

    /** The conversation, its history and its memory go together. */
    @Transactional
    void delete(Caller caller, UUID id) {
        conversations.delete(service.owned(caller, id));
    }

    static ConversationView view(Conversation conversation) {
        return new ConversationView(conversation.id(), conversation.title(), conversation.model(),
                conversation.presetId(), conversation.createdAt(), conversation.updatedAt());
    }
}
