package io.llmplatform.support.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.llmplatform.contracts.events.UsageEvent;
import io.llmplatform.contracts.events.UsageStatus;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox's writer against a real PostgreSQL: nothing handed over is lost, and commits are shared. */
class UsageOutboxWriterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private UsageOutboxWriter writer;
    private UsageOutbox outbox;

    @BeforeEach
    void createOutbox() {
        PostgresEngine.Database database = TestEngines.postgres().createDatabase("outbox");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("""
                create table usage_outbox (event_id uuid primary key, user_id uuid not null, payload text not null,
                created_at timestamptz not null)""");
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        UsageOutboxRows rows = new UsageOutboxRows(jdbc, JsonMapper.builder().findAndAddModules().build());
        writer = new UsageOutboxWriter(rows, transaction, 500, 10_000, meters);
        outbox = new UsageOutbox(rows, writer);
    }

    @AfterEach
    void close() {
        writer.stop();
        dataSource.close();
    }

    @Test
    void eventsFromManyCallsAreAllWrittenAndShareCommits() throws Exception {
        writer.start();
        try (ExecutorService calls = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 2_000; i++) {
                calls.submit(() -> outbox.append(event()));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rowCount() == 2_000);
        long commits = meters.get("platform.usage.outbox.commit.events").summary().count();
        assertThat(commits).as("commits for 2,000 events handed over at once").isLessThan(2_000);
    }

    @Test
    void stoppingWritesEverythingStillWaiting() {
        writer.start();
        for (int i = 0; i < 1_000; i++) {
            outbox.append(event());
        }
        writer.stop();
        assertThat(rowCount()).isEqualTo(1_000);
    }

    @Test
    void beforeStartAndAfterStopAnEventIsWrittenAtOnce() {
        outbox.append(event());
        assertThat(rowCount()).isEqualTo(1);
        writer.start();
        writer.stop();
        outbox.append(event());
        assertThat(rowCount()).isEqualTo(2);
    }

    @Test
    void insideATransactionTheEventCommitsOrRollsBackWithIt() {
        writer.start();
        transaction.executeWithoutResult(status -> {
            outbox.append(event());
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> outbox.append(event()));
        assertThat(rowCount()).as("written in the caller's transaction, not queued").isEqualTo(1);
    }

    private long rowCount() {
        return jdbc.queryForObject("select count(*) from usage_outbox", Long.class);
    }

    private static UsageEvent event() {
        return new UsageEvent(UUID.randomUUID(), Instant.now(), "chat-service", "request", UUID.randomUUID(), null,
                "model", 10, 5, 12, null, UsageStatus.SUCCESS);
    }
}
