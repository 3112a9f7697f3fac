package io.llmplatform.support.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.events.QuotaState;
import io.llmplatform.support.MutableClock;
import io.llmplatform.support.PlatformException;
import io.llmplatform.testkit.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One contract, two stores: Redis (shared by replicas) and the in-process store, each the real thing. */
class QuotaAdmissionTest {

    private static final Duration RESERVATION_TTL = Duration.ofMinutes(10);
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    record Store(String name, BiFunction<QuotaLimits, MutableClock, QuotaAdmission> create) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Store> stores() {
        return Stream.of(
                new Store("redis", (limits, clock) -> new RedisQuotaAdmission(redis, limits, RESERVATION_TTL, clock)),
                new Store("in-process", (limits, clock) -> new InMemoryQuotaAdmission(limits, RESERVATION_TTL, clock)));
    }

    @BeforeAll
    static void redis() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(TestEngines.redis().host(),
                TestEngines.redis().port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void closeRedis() {
        connections.destroy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void twoHundredConcurrentReservationsAdmitExactlyAsManyAsFit(Store store) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 10_000, 0, clock), clock);
        ConcurrentLinkedQueue<Reservation> admitted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<PlatformException> refused = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String call = "call-" + i;
                threads.submit(() -> {
                    start.await();
                    try {
                        admitted.add(admission.reserve(user, call, 64));
                    } catch (PlatformException e) {
                        refused.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
        }

        assertThat(admitted).hasSize(10_000 / 64);
        assertThat(refused).hasSize(200 - 10_000 / 64)
                .allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));

        List<Reservation> held = List.copyOf(admitted);
        held.subList(0, 100).forEach(reservation -> admission.settle(reservation, 10));
        held.subList(100, held.size()).forEach(admission::release);

        assertThat(admission.reserve(user, "after", 10_000 - 100 * 10).tokens()).isEqualTo(9_000);
        assertRefused(() -> admission.reserve(user, "one-more", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void settlingReplacesTheWorstCaseWithWhatWasUsed(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 1_000, 0, clock), clock);

        Reservation worstCase = admission.reserve(user, "a", 900);
        assertRefused(() -> admission.reserve(user, "b", 200));
        admission.settle(worstCase, 150);

        assertThat(admission.reserve(user, "b", 850).tokens()).isEqualTo(850);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyOperationIsIdempotentByCallId(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 1_000, 0, clock), clock);

        Reservation first = admission.reserve(user, "same", 400);
        Reservation again = admission.reserve(user, "same", 400);
        admission.settle(first, 300);
        admission.settle(again, 300);
        admission.release(first);

        assertThat(again).isEqualTo(first);
        assertThat(admission.reserve(user, "rest", 700).tokens()).isEqualTo(700);
        assertRefused(() -> admission.reserve(user, "over", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aReservationWhoseCallerDiedExpires(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 1_000, 0, clock), clock);
        admission.reserve(user, "crashed", 1_000);
        assertRefused(() -> admission.reserve(user, "waiting", 10));

        clock.advance(RESERVATION_TTL.plusSeconds(1));

        assertThat(admission.reserve(user, "later", 1_000).tokens()).isEqualTo(1_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void tokensUsedAfterTheReservationExpiredAreStillBilled(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 1_000, 0, clock), clock);
        Reservation slow = admission.reserve(user, "slow", 500);
        clock.advance(RESERVATION_TTL.plusMinutes(1));

        admission.settle(slow, 800);

        assertRefused(() -> admission.reserve(user, "next", 201));
        assertThat(admission.reserve(user, "fits", 200).tokens()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void overTheLimitIsQuotaExceededWithTheResetTime(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 100, 0, clock), clock);

        PlatformException refused = assertRefused(() -> admission.reserve(user, "big", 101));

        assertThat(refused.code().status()).isEqualTo(429);
        assertThat(refused.getMessage()).contains("100 remain", "2026-12-01T00:00:00Z");
        assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("3600");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theMonthRollsOverByItself(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 100, 0, clock), clock);
        admission.settle(admission.reserve(user, "november", 100), 100);
        assertRefused(() -> admission.reserve(user, "still-november", 1));

        clock.set(Instant.parse("2026-12-01T00:00:01Z"));

        assertThat(admission.reserve(user, "december", 100).month()).isEqualTo(YearMonth.of(2026, 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void usageTheLedgerRecordedCountsEvenIfThisStoreNeverSawIt(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaAdmission admission = store.create().apply(limited(user, 10_000, 9_000, clock), clock);

        assertRefused(() -> admission.reserve(user, "too-much", 1_001));
        assertThat(admission.reserve(user, "fits", 1_000).tokens()).isEqualTo(1_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aLoweredLimitAppliesToTheNextReservation(Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
        UUID user = UUID.randomUUID();
        QuotaLimits limits = limited(user, 10_000, 0, clock);
        QuotaAdmission admission = store.create().apply(limits, clock);
        admission.reserve(user, "first", 500);

        clock.advance(Duration.ofSeconds(1));
        limits.update(new QuotaState(user, 600, YearMonth.of(2026, 11), 0, clock.instant()));

        assertRefused(() -> admission.reserve(user, "second", 101));
    }

    private static QuotaLimits limited(UUID user, long limit, long ledgerUsed, MutableClock clock) {
        QuotaLimits limits = new QuotaLimits(1_000_000);
        limits.update(new QuotaState(user, limit, YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)),
                ledgerUsed, clock.instant()));
        return limits;
    }

    private static PlatformException assertRefused(Runnable reserve) {
        PlatformException refused = catchThrowableOfType(PlatformException.class, reserve::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        return refused;
    }
}
