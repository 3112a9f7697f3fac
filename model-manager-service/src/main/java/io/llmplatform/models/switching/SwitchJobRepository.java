package io.llmplatform.models.switching;

import io.llmplatform.contracts.events.ModelState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface SwitchJobRepository extends JpaRepository<SwitchJob, UUID> {

    Optional<SwitchJob> findFirstByPoolAndStateIn(String pool, Collection<ModelState> states);

    List<SwitchJob> findByStateIn(Collection<ModelState> states);

    /** Takes over a job whose runner went silent; 1 when this replica got it. */
    @Modifying
    @Transactional
    @Query("update SwitchJob j set j.owner = :owner, j.heartbeatAt = :now where j.id = :id "
            + "and j.state in :active and (j.heartbeatAt is null or j.heartbeatAt < :staleBefore)")
    int claim(@Param("id") UUID id, @Param("owner") String owner, @Param("now") Instant now,
            @Param("staleBefore") Instant staleBefore, @Param("active") Collection<ModelState> active);

    @Modifying
    @Transactional
    @Query("update SwitchJob j set j.heartbeatAt = :now where j.owner = :owner and j.state in :active")
    int heartbeat(@Param("owner") String owner, @Param("now") Instant now,
            @Param("active") Collection<ModelState> active);
}
