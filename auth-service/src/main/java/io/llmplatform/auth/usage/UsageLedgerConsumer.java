package io.llmplatform.auth.usage;

import io.llmplatform.auth.quota.QuotaStatePublisher;
import io.llmplatform.contracts.events.Topics;
import io.llmplatform.contracts.events.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes usage events in batches. An event that cannot be recorded stops the batch at its index: the events before
 * it are written first, then the error handler commits them, sends that one event to the dead-letter topic and
 * carries on with the rest. Any other failure (the database is down) retries the batch until it succeeds.
 */
@Component
class UsageLedgerConsumer {

    private final UsageLedgerWriter ledger;
    private final QuotaStatePublisher quotaStates;

    UsageLedgerConsumer(UsageLedgerWriter ledger, QuotaStatePublisher quotaStates) {
        this.ledger = ledger;
        this.quotaStates = quotaStates;
    }

    @KafkaListener(id = "usage-ledger", topics = Topics.USAGE, containerFactory = UsageLedgerKafkaConfig.FACTORY)
    void record(List<ConsumerRecord<String, UsageEvent>> records) {
        List<UsageEvent> valid = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            String problem = InvalidUsageEvent.problem(records.get(index).value());
            if (problem != null) {
                recordAndPublish(valid);
                throw new BatchListenerFailedException(problem, new InvalidUsageEvent(problem), index);
            }
            valid.add(records.get(index).value());
        }
        recordAndPublish(valid);
    }

    private void recordAndPublish(List<UsageEvent> events) {
        Set<UUID> grown = ledger.record(events);
        quotaStates.publish(grown);
    }
}
