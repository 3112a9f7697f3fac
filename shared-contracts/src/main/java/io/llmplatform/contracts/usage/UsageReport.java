package io.llmplatform.contracts.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/usage?month=YYYY-MM}: one user's usage in a month, in total and by model, API key and day.
 * {@code apiKeyId} is null for calls made with the user's own token.
 */
public record UsageReport(
        YearMonth month,
        UUID userId,
        long monthlyTokenLimit,
        UsageTotals totals,
        List<ByModel> byModel,
        List<ByApiKey> byApiKey,
        List<ByDay> byDay) {

    public record ByModel(String model, UsageTotals usage) {
    }

    public record ByApiKey(UUID apiKeyId, String name, UsageTotals usage) {
    }

    public record ByDay(LocalDate day, UsageTotals usage) {
    }
}
