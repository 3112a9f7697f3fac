package io.llmplatform.auth.usage;

import io.llmplatform.auth.user.User;
import io.llmplatform.auth.user.UserService;
import io.llmplatform.contracts.usage.AdminUsageReport;
import io.llmplatform.contracts.usage.UsageReport;
import io.llmplatform.support.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Usage by month ({@code YYYY-MM}, UTC; the current month when absent). */
@RestController
class UsageController {

    private final UsageQueries usage;
    private final UserService users;
    private final Clock clock;

    UsageController(UsageQueries usage, UserService users, Clock clock) {
        this.usage = usage;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/api/v1/usage")
    UsageReport own(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
            Caller caller) {
        return reportOf(caller.userId(), month);
    }

    @GetMapping("/api/v1/admin/usage")
    @PreAuthorize("hasRole('ADMIN')")
    AdminUsageReport platform(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int top) {
        return usage.platformReport(orCurrent(month), top);
    }

    @GetMapping("/api/v1/admin/usage/users/{userId}")
    @PreAuthorize("hasRole('ADMIN')")
    UsageReport ofUser(@PathVariable UUID userId,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month) {
        return reportOf(userId, month);
    }

    private UsageReport reportOf(UUID userId, YearMonth month) {
        User user = users.get(userId);
        return usage.report(user.id(), user.monthlyTokenLimit(), orCurrent(month));
    }

    private YearMonth orCurrent(YearMonth month) {
        return month != null ? month : YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }
}
