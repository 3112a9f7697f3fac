package io.llmplatform.auth.usage;

import io.llmplatform.contracts.events.UsageEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a batch of usage events in one statement: new events (by event id) are appended to the ledger and only
 * those are added to the daily rollups, so a duplicate, a redelivery or a replay after a restart counts nothing.
 */
@Component
class UsageLedgerWriter {

    static final UUID NO_API_KEY = new UUID(0, 0);

    private static final String RECORD = """
            with incoming as (
                select * from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::uuid[], ?::uuid[],
                                     ?::text[], ?::int[], ?::int[], ?::bigint[], ?::bigint[], ?::text[])
                    as e(event_id, occurred_at, service, request_id, user_id, api_key_id, model, prompt_tokens,
                         completion_tokens, latency_ms, time_to_first_token_ms, status)
            ), inserted as (
                insert into usage_ledger (event_id, occurred_at, service, request_id, user_id, api_key_id, model,
                                          prompt_tokens, completion_tokens, latency_ms, time_to_first_token_ms, status)
                select distinct on (event_id) * from incoming
                on conflict do nothing
                returning occurred_at, user_id, api_key_id, model, prompt_tokens, completion_tokens
            )
            insert into usage_daily (day, user_id, model, api_key_id, requests, prompt_tokens, completion_tokens)
            select (occurred_at at time zone 'UTC')::date, user_id, model, coalesce(api_key_id, ?::uuid),
                   count(*), sum(prompt_tokens), sum(completion_tokens)
            from inserted
            group by 1, 2, 3, 4
            on conflict (user_id, day, model, api_key_id) do update set
                requests = usage_daily.requests + excluded.requests,
                prompt_tokens = usage_daily.prompt_tokens + excluded.prompt_tokens,
                completion_tokens = usage_daily.completion_tokens + excluded.completion_tokens
            returning user_id
            """;

    private final JdbcTemplate jdbc;

    UsageLedgerWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the users whose usage grew. */
    Set<UUID> record(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        List<UUID> users = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
                int i = 0;
                statement.setArray(++i, array(connection, "uuid", events, UsageEvent::eventId));
                statement.setArray(++i, array(connection, "timestamptz", events,
                        event -> Timestamp.from(event.occurredAt())));
                statement.setArray(++i, array(connection, "text", events, UsageEvent::service));
                statement.setArray(++i, array(connection, "text", events, UsageEvent::requestId));
                statement.setArray(++i, array(connection, "uuid", events, UsageEvent::userId));
                statement.setArray(++i, array(connection, "uuid", events, UsageEvent::apiKeyId));
                statement.setArray(++i, array(connection, "text", events, UsageEvent::model));
                statement.setArray(++i, array(connection, "int4", events, UsageEvent::promptTokens));
                statement.setArray(++i, array(connection, "int4", events, UsageEvent::completionTokens));
                statement.setArray(++i, array(connection, "int8", events, UsageEvent::latencyMs));
                statement.setArray(++i, array(connection, "int8", events, UsageEvent::timeToFirstTokenMs));
                statement.setArray(++i, array(connection, "text", events, event -> event.status().name()));
                statement.setObject(++i, NO_API_KEY);
                try (var rows = statement.executeQuery()) {
                    List<UUID> grown = new ArrayList<>();
                    while (rows.next()) {
                        grown.add(rows.getObject(1, UUID.class));
                    }
                    return grown;
                }
            }
        });
        return users == null ? Set.of() : Set.copyOf(users);
    }

    private static Array array(Connection connection, String type, List<UsageEvent> events,
            Function<UsageEvent, ?> column) throws SQLException {
        return connection.createArrayOf(type, events.stream().map(column).toArray());
    }
}
