package io.llmplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.support.MutableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class RememberingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifying = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not verify");
        }
        return Jwt.withTokenValue(token).header("alg", "ES256").subject("user")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(900)).build();
    };
    private final RememberingJwtDecoder decoder = new RememberingJwtDecoder(verifying, 100, clock);

    @Test
    void aValidTokenIsVerifiedOnceUntilItExpires() {
        decoder.decode("token-a");
        decoder.decode("token-a");
        assertThat(verifications).hasValue(1);

        clock.set(NOW.plusSeconds(900));
        decoder.decode("token-a");
        assertThat(verifications).as("verified again once expired: the delegate's validators decide").hasValue(2);
    }

    @Test
    void aTokenThatFailsIsCheckedEveryTime() {
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
