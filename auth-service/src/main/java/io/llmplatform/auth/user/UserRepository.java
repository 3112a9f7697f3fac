package io.llmplatform.auth.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserRepository extends JpaRepository<User, UUID> {

    @Query("select u from User u where lower(u.email) = lower(:email)")
    Optional<User> findByEmail(@Param("email") String email);

    @Query("select u from User u where lower(u.username) = lower(:username)")
    Optional<User> findByUsername(@Param("username") String username);

    @Query("select count(u) > 0 from User u where lower(u.email) = lower(:email) or lower(u.username) = lower(:username)")
    boolean existsByEmailOrUsername(@Param("email") String email, @Param("username") String username);

    /** What quota publication needs of each user, in one query without loading roles. */
    @Query("select new io.llmplatform.auth.user.UserQuota(u.id, u.status, u.monthlyTokenLimit) from User u "
            + "where u.id in :ids")
    List<UserQuota> findQuotas(@Param("ids") Collection<UUID> ids);

    @Query("select count(u) > 0 from User u join u.roles r where r = io.llmplatform.auth.user.Role.ADMIN")
    boolean existsAdmin();

    /** Users whose email or username contains {@code text} (null: all), optionally with a role and status. */
    @Query("""
            select distinct u from User u join u.roles r
            where (:text is null or lower(u.email) like concat('%', lower(cast(:text as string)), '%')
                                 or lower(u.username) like concat('%', lower(cast(:text as string)), '%'))
              and (:role is null or r = :role)
              and (:status is null or u.status = :status)
            """)
    Page<User> search(@Param("text") String text, @Param("role") Role role, @Param("status") UserStatus status,
            Pageable pageable);
}
