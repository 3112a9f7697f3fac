package io.llmplatform.auth.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    private String email;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    @Column(name = "monthly_token_limit")
    private long monthlyTokenLimit;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected User() {
    }

    public User(UUID id, String email, String username, String passwordHash, Set<Role> roles, long monthlyTokenLimit,
            Instant now) {
        this.id = id;
        this.email = email;
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = EnumSet.copyOf(roles);
        this.status = UserStatus.ACTIVE;
        this.monthlyTokenLimit = monthlyTokenLimit;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public UserStatus status() {
        return status;
    }

    public boolean active() {
        return status == UserStatus.ACTIVE;
    }

    public long monthlyTokenLimit() {
        return monthlyTokenLimit;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void changeRoles(Set<Role> newRoles, Instant now) {
        this.roles = EnumSet.copyOf(newRoles);
        this.updatedAt = now;
    }

    void changeStatus(UserStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    void changeMonthlyTokenLimit(long limit, Instant now) {
        this.monthlyTokenLimit = limit;
        this.updatedAt = now;
    }

    public void rehashPassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
    }
}
