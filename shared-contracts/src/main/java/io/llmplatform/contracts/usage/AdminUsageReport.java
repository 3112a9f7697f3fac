package io.llmplatform.contracts.usage;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/admin/usage}: the platform's usage in a month, by model and its heaviest users. */
public record AdminUsageReport(YearMonth month, UsageTotals totals, List<UsageReport.ByModel> byModel,
        List<ByUser> topUsers) {

    public record ByUser(UUID userId, String email, String username, UsageTotals usage) {
    }
}
