package io.llmplatform.support.quota;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.http.HttpHeaders;

/** 429 {@code quota_exceeded}, saying when the month resets, in the message and in {@code Retry-After}. */
final class QuotaExceeded {

    static PlatformException of(YearMonth month, long remaining, long requested, Clock clock) {
        Instant reset = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long seconds = Math.max(1, Duration.between(clock.instant(), reset).toSeconds());
        return new PlatformException(ErrorCode.QUOTA_EXCEEDED, "This request needs up to " + requested
                + " tokens but " + Math.max(0, remaining) + " remain of your monthly quota; it resets at " + reset)
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    private QuotaExceeded() {
    }
}
