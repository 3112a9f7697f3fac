package io.llmplatform.auth.user;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.auth.UserUpdateRequest;
import io.llmplatform.contracts.auth.UserView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class AdminUserController {

    private final UserService users;

    AdminUserController(UserService users) {
        this.users = users;
    }

    /** Newest first; {@code q} matches part of the email or username. */
    @GetMapping
    PageView<UserView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @Pattern(regexp = "USER|ADMIN") String role,
            @RequestParam(required = false) @Pattern(regexp = "ACTIVE|DISABLED") String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Page<User> found = users.search(q, role == null ? null : Role.valueOf(role),
                status == null ? null : UserStatus.valueOf(status), page, size);
        return new PageView<>(found.map(UserService::view).getContent(), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return UserService.view(users.get(id));
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable UUID id, @Valid @RequestBody UserUpdateRequest change, Caller admin) {
        return UserService.view(users.update(admin.userId(), id, change));
    }
}
