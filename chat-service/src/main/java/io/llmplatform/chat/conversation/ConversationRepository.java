package io.llmplatform.chat.conversation;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ConversationRepository extends JpaRepository<Conversation, UUID> {

    @Query("select c from Conversation c where c.id = :id and c.userId = :user")
    Optional<Conversation> findOwned(@Param("id") UUID id, @Param("user") UUID user);

    /** Serialises writes to one conversation: two messages sent at once append in turn. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Conversation c where c.id = :id")
    Optional<Conversation> lock(@Param("id") UUID id);

    @Query("select c from Conversation c where c.userId = :user order by c.updatedAt desc, c.id")
    Page<Conversation> findOwnedBy(@Param("user") UUID user, Pageable page);
}
