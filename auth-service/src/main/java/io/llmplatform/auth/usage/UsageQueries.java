package io.llmplatform.auth.usage;

import io.llmplatform.contracts.usage.AdminUsageReport;
import io.llmplatform.contracts.usage.UsageReport;
import io.llmplatform.contracts.usage.UsageTotals;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Usage as users and administrators read it: always from the daily rollups, never by scanning the ledger. */
@Component
public class UsageQueries {

    private static final String SUMS = "coalesce(sum(requests), 0) as requests, "
            + "coalesce(sum(prompt_tokens), 0) as prompt_tokens, coalesce(sum(completion_tokens), 0) as completion_tokens";

    private final JdbcClient jdbc;

    UsageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tokens each of {@code userIds} has spent in a month, as the ledger recorded them; absent means none. */
    public Map<UUID, Long> tokensUsed(Collection<UUID> userIds, YearMonth month) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> used = new HashMap<>();
        range(month, "select user_id, sum(prompt_tokens + completion_tokens) as tokens from usage_daily "
                + "where user_id in (:users) and day >= :from and day < :to group by user_id")
                .param("users", userIds)
                .query((rs, row) -> used.put(rs.getObject("user_id", UUID.class), rs.getLong("tokens")))
                .list();
        return used;
    }

    @Transactional(readOnly = true)
    UsageReport report(UUID userId, long monthlyTokenLimit, YearMonth month) {
        String inMonth = " from usage_daily where user_id = :user and day >= :from and day < :to ";
        UsageTotals totals = range(month, "select " + SUMS + inMonth).param("user", userId)
                .query((rs, row) -> totals(rs)).single();
        List<UsageReport.ByModel> byModel = range(month, "select model, " + SUMS + inMonth
                + "group by model order by sum(prompt_tokens + completion_tokens) desc, model")
                .param("user", userId)
                .query((rs, row) -> new UsageReport.ByModel(rs.getString("model"), totals(rs))).list();
        List<UsageReport.ByApiKey> byApiKey = range(month, """
                select d.api_key_id, k.name, sum(d.requests) as requests,
                       sum(d.prompt_tokens) as prompt_tokens, sum(d.completion_tokens) as completion_tokens
                from usage_daily d left join api_keys k on k.id = d.api_key_id
                where d.user_id = :user and d.day >= :from and d.day < :to
                group by d.api_key_id, k.name order by sum(d.prompt_tokens + d.completion_tokens) desc
                """).param("user", userId)
                .query((rs, row) -> {
                    UUID key = rs.getObject("api_key_id", UUID.class);
                    boolean ownToken = UsageLedgerWriter.NO_API_KEY.equals(key);
                    return new UsageReport.ByApiKey(ownToken ? null : key, rs.getString("name"), totals(rs));
                }).list();
        List<UsageReport.ByDay> byDay = range(month, "select day, " + SUMS + inMonth + "group by day order by day")
                .param("user", userId)
                .query((rs, row) -> new UsageReport.ByDay(rs.getDate("day").toLocalDate(), totals(rs))).list();
        return new UsageReport(month, userId, monthlyTokenLimit, totals, byModel, byApiKey, byDay);
    }

    @Transactional(readOnly = true)
    AdminUsageReport platformReport(YearMonth month, int topUsers) {
        String inMonth = " from usage_daily where day >= :from and day < :to ";
        UsageTotals totals = range(month, "select " + SUMS + inMonth).query((rs, row) -> totals(rs)).single();
        List<UsageReport.ByModel> byModel = range(month, "select model, " + SUMS + inMonth
                + "group by model order by sum(prompt_tokens + completion_tokens) desc, model")
                .query((rs, row) -> new UsageReport.ByModel(rs.getString("model"), totals(rs))).list();
        List<AdminUsageReport.ByUser> top = range(month, """
                select d.user_id, u.email, u.username, sum(d.requests) as requests,
                       sum(d.prompt_tokens) as prompt_tokens, sum(d.completion_tokens) as completion_tokens
                from usage_daily d join users u on u.id = d.user_id
                where d.day >= :from and d.day < :to
                group by d.user_id, u.email, u.username
                order by sum(d.prompt_tokens + d.completion_tokens) desc, d.user_id
                limit :top
                """).param("top", topUsers)
                .query((rs, row) -> new AdminUsageReport.ByUser(rs.getObject("user_id", UUID.class),
                        rs.getString("email"), rs.getString("username"), totals(rs))).list();
        return new AdminUsageReport(month, totals, byModel, top);
    }

    private JdbcClient.StatementSpec range(YearMonth month, String sql) {
        return jdbc.sql(sql).param("from", Date.valueOf(month.atDay(1)))
                .param("to", Date.valueOf(month.plusMonths(1).atDay(1)));
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return UsageTotals.of(rs.getLong("requests"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"));
    }
}
