package io.llmplatform.support.quota;

import io.llmplatform.testkit.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reserve-then-settle round trips against a real Redis, closed loop: {@code CONCURRENCY} callers each reserve a
 * worst case and settle the actual use, for users spread over {@code USERS}. Not part of the test suite; run with
 * {@code ./mvnw -pl service-support test -Dtest=QuotaAdmissionBenchmark}. Results go to stdout.
 */
class QuotaAdmissionBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 32);
    private static final int USERS = 1_000;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));

    @Test
    void reserveAndSettleRoundTrips() throws Exception {
        var connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(TestEngines.redis().host(),
                TestEngines.redis().port()));
        connections.afterPropertiesSet();
        connections.start();
        QuotaLimits limits = new QuotaLimits(Long.MAX_VALUE / 4);
        var admission = new RedisQuotaAdmission(new StringRedisTemplate(connections), limits, Duration.ofMinutes(10),
                Clock.systemUTC());
        List<UUID> users = Stream.generate(UUID::randomUUID).limit(USERS).toList();

        Recorder roundTrips = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        long warmupEnds = System.nanoTime() + WARMUP.toNanos();
        long measureEnds = warmupEnds + MEASURE.toNanos();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONCURRENCY; i++) {
                callers.submit(() -> {
                    long now;
                    while ((now = System.nanoTime()) < measureEnds) {
                        UUID user = users.get(ThreadLocalRandom.current().nextInt(USERS));
                        Reservation reservation = admission.reserve(user, UUID.randomUUID().toString(), 1_024);
                        admission.settle(reservation, 300);
                        long end = System.nanoTime();
                        if (now >= warmupEnds) {
                            roundTrips.recordValue((end - now) / 1_000);
                            completed.incrementAndGet();
                        }
                    }
                });
            }
        }
        Histogram micros = roundTrips.getIntervalHistogram();
        System.out.printf("quota reserve+settle against Redis: %d callers, %.0f round trips/s, "
                        + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                CONCURRENCY, completed.get() / (double) MEASURE.toSeconds(),
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0, micros.getMaxValue() / 1000.0);
        connections.destroy();
    }
}
