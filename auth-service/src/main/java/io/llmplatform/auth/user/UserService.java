package io.llmplatform.auth.user;

import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.contracts.auth.RegisterRequest;
import io.llmplatform.contracts.auth.UserUpdateRequest;
import io.llmplatform.contracts.auth.UserView;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final ApplicationEventPublisher events;
    private final AuthProperties properties;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
            ApplicationEventPublisher events, AuthProperties properties, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public User register(RegisterRequest request) {
        return create(request.email(), request.username(), request.password(), EnumSet.of(Role.USER));
    }

    @Transactional
    User create(String rawEmail, String username, String password, Set<Role> roles) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        passwordPolicy.check(password, email, username);
        if (users.existsByEmailOrUsername(email, username)) {
            throw userExists();
        }
        User user = new User(UUID.randomUUID(), email, username, passwordEncoder.encode(password), roles,
                properties.defaultMonthlyTokenLimit(), clock.instant());
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException raceWithAnotherRegistration) {
            throw userExists();
        }
        events.publishEvent(new UserEvents.QuotaChanged(user.id()));
        return user;
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return users.findById(id).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND, "No such user"));
    }

    /** Newest first; {@code text} matches part of the email or username. */
    @Transactional(readOnly = true)
    public Page<User> search(String text, Role role, UserStatus status, int page, int size) {
        return users.search(text == null || text.isBlank() ? null : text.trim(), role, status,
                PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"))));
    }

    /** An administrator's change. Guards against an administrator locking themselves out. */
    @Transactional
    public User update(UUID actingAdmin, UUID id, UserUpdateRequest change) {
        User user = get(id);
        boolean self = user.id().equals(actingAdmin);
        if (change.roles() != null) {
            Set<Role> roles = change.roles().stream().map(Role::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            if (self && !roles.contains(Role.ADMIN)) {
                throw new PlatformException(ErrorCode.CONFLICT, "You cannot remove your own ADMIN role", "roles");
            }
            user.changeRoles(roles, clock.instant());
        }
        if (change.status() != null) {
            UserStatus status = UserStatus.valueOf(change.status());
            if (self && status == UserStatus.DISABLED) {
                throw new PlatformException(ErrorCode.CONFLICT, "You cannot disable yourself", "status");
            }
            if (status == UserStatus.DISABLED && user.active()) {
                events.publishEvent(new UserEvents.Disabled(user.id()));
            }
            user.changeStatus(status, clock.instant());
        }
        if (change.monthlyTokenLimit() != null) {
            user.changeMonthlyTokenLimit(change.monthlyTokenLimit(), clock.instant());
        }
        users.flush();
        events.publishEvent(new UserEvents.QuotaChanged(user.id()));
        return user;
    }

    public static UserView view(User user) {
        return new UserView(user.id(), user.email(), user.username(),
                user.roles().stream().map(Role::name).collect(Collectors.toUnmodifiableSet()),
                user.status().name(), user.monthlyTokenLimit(), user.createdAt(), user.updatedAt());
    }

    private static PlatformException userExists() {
        return new PlatformException(ErrorCode.USER_EXISTS, "A user with this email or username already exists");
    }
}
