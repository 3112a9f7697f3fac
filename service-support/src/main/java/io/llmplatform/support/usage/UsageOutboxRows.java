package io.llmplatform.support.usage;

import io.llmplatform.contracts.events.UsageEvent;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code usage_outbox} rows: one statement batch for any number of events, in the caller's transaction. */
public final class UsageOutboxRows {

    private static final String INSERT =
            "insert into usage_outbox (event_id, user_id, payload, created_at) values (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public UsageOutboxRows(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(List<UsageEvent> events) {
        jdbc.batchUpdate(INSERT, events.stream().map(event -> new Object[] {event.eventId(), event.userId(),
                json.writeValueAsString(event), Timestamp.from(event.occurredAt())}).toList());
    }
}
