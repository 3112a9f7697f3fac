package io.llmplatform.chat.preset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PresetRepository extends JpaRepository<Preset, UUID> {

    /** The global presets and the user's own, globals first. */
    @Query("select p from Preset p where p.ownerId is null or p.ownerId = :user order by p.ownerId nulls first, lower(p.name)")
    List<Preset> findVisibleTo(@Param("user") UUID user);

    @Query("select p from Preset p where p.id = :id and (p.ownerId is null or p.ownerId = :user)")
    Optional<Preset> findVisible(@Param("id") UUID id, @Param("user") UUID user);
}
