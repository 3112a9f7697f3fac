package io.llmplatform.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.gateway.support.MovableClock;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.security.SecurityProperties;
import io.llmplatform.testkit.engine.FreePorts;
import io.llmplatform.testkit.tokens.TestTokenIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.WebFilterExchange;
import reactor.core.publisher.Mono;

/** How access tokens are checked when auth-service's JWKS cannot be read. */
class JwksKeySourceTest {

    private static final TokenValidationProperties PROPERTIES = new TokenValidationProperties(Duration.ofMinutes(5),
            Duration.ofSeconds(10), Duration.ofSeconds(2), 100);

    private final MovableClock clock = new MovableClock();

    @Test
    void aTokenCannotBeCheckedBeforeTheJwksWasEverReadAndThatIsA503() {
        String unreachable = "http://127.0.0.1:" + FreePorts.next() + "/.well-known/jwks.json";
        try (TestTokenIssuer keys = TestTokenIssuer.start()) {
            ValidatedAccessTokens tokens = validatedAccessTokens(unreachable, keys.issuer());

            assertThatThrownBy(() -> tokens.authenticate(keys.tokenFor(UUID.randomUUID(), "USER")).block())
                    .isInstanceOf(AuthenticationServiceException.class)
                    .satisfies(failure -> assertThat(mappedByTheEntryPoint((AuthenticationServiceException) failure))
                            .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        }
    }

    @Test
    void untilTheJwksWasReadOnceAFailedReadIsRetriedWithinASecondNotAfterTheRefreshLimit() {
        try (TestTokenIssuer keys = TestTokenIssuer.start()) {
            keys.failNextReads(1);
            ValidatedAccessTokens tokens = validatedAccessTokens(keys.jwksUri(), keys.issuer());
            String token = keys.tokenFor(UUID.randomUUID(), "USER");
            assertThatThrownBy(() -> tokens.authenticate(token).block())
                    .isInstanceOf(AuthenticationServiceException.class);

            clock.advance(JwksKeySource.WITHOUT_KEYS_INTERVAL);

            assertThat(JwksKeySource.WITHOUT_KEYS_INTERVAL).isLessThan(PROPERTIES.jwksMinRefreshInterval());
            assertThat(tokens.authenticate(token).block()).as("auth-service came up a second later").isNotNull();
            assertThat(keys.jwksReads()).isEqualTo(2);
        }
    }

    @Test
    void keysAlreadyReadKeepVerifyingWhileTheJwksCannotBeRead() {
        TestTokenIssuer keys = TestTokenIssuer.start();
        ValidatedAccessTokens tokens = validatedAccessTokens(keys.jwksUri(), keys.issuer());
        assertThat(tokens.authenticate(keys.tokenFor(UUID.randomUUID(), "USER")).block()).isNotNull();

        keys.close();
        clock.advance(PROPERTIES.jwksRefreshInterval().plusMinutes(1));
        EdgeAuthentication later = tokens.authenticate(keys.tokenFor(UUID.randomUUID(), "USER"))
                .block(Duration.ofSeconds(1));

        assertThat(later).as("verified with the known key, without waiting for the JWKS").isNotNull();
    }

    private ValidatedAccessTokens validatedAccessTokens(String jwksUri, String issuer) {
        EdgeSecurityConfiguration configuration = new EdgeSecurityConfiguration();
        SecurityProperties security = new SecurityProperties(URI.create(jwksUri), issuer, "llm-platform", List.of());
        JwksKeySource keySource = new JwksKeySource(WebClient.create(), security.jwksUri(), PROPERTIES, clock);
        return configuration.validatedAccessTokens(keySource, security, PROPERTIES, clock);
    }

    private static ErrorCode mappedByTheEntryPoint(AuthenticationServiceException failure) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/chat"));
        Mono<Void> answer = new EdgeAuthenticationEntryPoint().onAuthenticationFailure(
                new WebFilterExchange(exchange, ignored -> Mono.empty()), failure);
        try {
            answer.block();
            throw new AssertionError("the entry point answered without an error");
        } catch (PlatformException refusal) {
            return refusal.code();
        }
    }
}
