package io.llmplatform.chat.conversation;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ConversationMessageRepository extends JpaRepository<ConversationMessage, UUID> {

    @Query("select m from ConversationMessage m where m.conversationId = :conversation order by m.position")
    List<ConversationMessage> findHistory(@Param("conversation") UUID conversation);

    @Query("select coalesce(max(m.position), 0) from ConversationMessage m where m.conversationId = :conversation")
    int lastPosition(@Param("conversation") UUID conversation);
}
