package io.llmplatform.chat.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * LangChain4j's chat memory kept in PostgreSQL, one row per conversation holding the window of messages in
 * LangChain4j's own JSON. Writes join the caller's transaction, so memory and history change together.
 */
@Component
class PostgresChatMemoryStore implements ChatMemoryStore {

    private final JdbcClient jdbc;

    PostgresChatMemoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return jdbc.sql("select messages from chat_memory where conversation_id = ?").param(id(memoryId))
                .query(String.class).optional()
                .map(ChatMessageDeserializer::messagesFromJson)
                .orElse(List.of());
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        jdbc.sql("""
                insert into chat_memory (conversation_id, messages) values (?, ?)
                on conflict (conversation_id) do update set messages = excluded.messages
                """).params(id(memoryId), ChatMessageSerializer.messagesToJson(messages)).update();
    }

    @Override
    public void deleteMessages(Object memoryId) {
        jdbc.sql("delete from chat_memory where conversation_id = ?").param(id(memoryId)).update();
    }

    private static UUID id(Object memoryId) {
        return memoryId instanceof UUID uuid ? uuid : UUID.fromString(memoryId.toString());
    }
}
