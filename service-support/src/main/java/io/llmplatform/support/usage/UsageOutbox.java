package io.llmplatform.support.usage;

import io.llmplatform.contracts.events.UsageEvent;
import java.util.List;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox for usage, relayed to Kafka by {@link UsageOutboxRelay}, so a Kafka outage delays usage and never loses
 * it. Inside a database transaction, {@link #append} writes the event in that transaction, beside whatever else it
 * writes (a conversation's messages): both commit or neither. Outside one (a plain model call), the event goes to
 * the {@link UsageOutboxWriter}, which commits many calls' events at once off the request's path, so no call waits
 * for a disk flush of its own. Each service that spends tokens has the {@code usage_outbox} table in its own schema
 * (service-support's {@code db/usage-outbox} migration, added to its Flyway locations; it is version 2 because
 * chat-service applied it as its V2 before it was shared, so a service including it leaves version 2 to it).
 */
public final class UsageOutbox {

    private final UsageOutboxRows rows;
    private final UsageOutboxWriter writer;

    public UsageOutbox(UsageOutboxRows rows, UsageOutboxWriter writer) {
        this.rows = rows;
        this.writer = writer;
    }

    public void append(UsageEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            rows.insert(List.of(event));
        } else {
            writer.submit(event);
        }
    }
}
