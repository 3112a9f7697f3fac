package io.llmplatform.auth.quota;

import io.llmplatform.auth.usage.UsageQueries;
import io.llmplatform.auth.user.UserQuota;
import io.llmplatform.auth.user.UserEvents;
import io.llmplatform.auth.user.UserRepository;
import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.contracts.events.Topics;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes each user's quota (limit, and tokens the ledger recorded this month) on the compacted quota topic,
 * after every change that affects it, so services that spend tokens learn limits within seconds.
 */
@Component
public class QuotaStatePublisher {

    private final KafkaTemplate<String, QuotaState> kafka;
    private final UserRepository users;
    private final UsageQueries usage;
    private final Clock clock;

    QuotaStatePublisher(KafkaTemplate<String, QuotaState> kafka, UserRepository users, UsageQueries usage,
            Clock clock) {
        this.kafka = kafka;
        this.users = users;
        this.usage = usage;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onQuotaChanged(UserEvents.QuotaChanged changed) {
        publish(List.of(changed.userId()));
    }

    /** Two queries whatever the number of users: this runs after every ledger batch. */
    public void publish(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Map<UUID, Long> used = usage.tokensUsed(userIds, month);
        for (UserQuota user : users.findQuotas(userIds)) {
            QuotaState state = new QuotaState(user.id(), user.effectiveMonthlyTokenLimit(), month,
                    used.getOrDefault(user.id(), 0L), clock.instant());
            kafka.send(Topics.QUOTA, user.id().toString(), state);
        }
    }
}
