package io.llmplatform.support.usage;

import io.llmplatform.contracts.events.UsageEvent;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox for usage: {@link #append} writes the event in the caller's database transaction, beside
 * whatever else that transaction writes (a conversation's messages), and {@link UsageOutboxRelay} publishes it to
 * Kafka afterwards. A Kafka outage delays usage; it never loses it. Each service that spends tokens has the
 * {@code usage_outbox} table in its own schema (see its Flyway migrations).
 */
public final class UsageOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public UsageOutbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void append(UsageEvent event) {
        jdbc.sql("insert into usage_outbox (event_id, user_id, payload, created_at) values (?, ?, ?, ?)")
                .params(event.eventId(), event.userId(), json.writeValueAsString(event),
                        Timestamp.from(event.occurredAt()))
                .update();
    }
}
