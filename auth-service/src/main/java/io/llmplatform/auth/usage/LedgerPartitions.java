package io.llmplatform.auth.usage;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a ledger partition for last month, this month and the next two, created at start-up and daily, so the
 * month rolls over without anyone acting. Old partitions stay: detaching or archiving them is an operator's choice.
 */
@Component
class LedgerPartitions implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LedgerPartitions.class);
    private static final long PARTITION_LOCK = 0x4c4c4d5041525449L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'y'yyyy'm'MM");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LedgerPartitions(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAhead();
    }

    @Scheduled(cron = "0 17 3 * * *", zone = "UTC")
    void ensureAhead() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (int offset = -1; offset <= 2; offset++) {
            ensure(now.plusMonths(offset));
        }
    }

    private void ensure(YearMonth month) {
        String table = "usage_ledger_" + month.format(SUFFIX);
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(?)").param(PARTITION_LOCK).query().singleRow();
                jdbc.sql("create table if not exists " + table + " partition of usage_ledger for values from ('"
                        + month.atDay(1) + "') to ('" + month.plusMonths(1).atDay(1) + "')").update();
            });
        } catch (RuntimeException e) {
            // Rows for that month already sit in the default partition; recording still works, into the default.
            log.warn("Could not create ledger partition {}: {}", table, e.getMessage());
        }
    }
}
