package io.llmplatform.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Programs authenticate with {@code sk-...} keys, which the gateway exchanges at auth-service (with its own
 * client-credentials token) for short-lived access tokens: services only ever see the access token.
 */
class ApiKeyExchangeTest extends GatewayTestSupport {

    /** platform.gateway.api-keys.cache-ttl (API_KEY_CACHE_TTL): how long a revoked key may keep working. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);

    @Test
    void aKeyIsExchangedOnceAndServicesOnlyEverSeeTheAccessToken() throws ParseException {
        UUID owner = UUID.randomUUID();
        String key = AUTH_SERVICE.issueKey(owner);

        HttpResponse<String> first = get("/v1/models", "Authorization", bearer(key));
        HttpResponse<String> second = get("/api/v1/conversations", "Authorization", bearer(key));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        String forwarded = MODEL_MANAGER.lastRequest().header("Authorization");
        assertThat(CHAT.lastRequest().header("Authorization")).isEqualTo(forwarded);
        var claims = SignedJWT.parse(forwarded.substring("Bearer ".length())).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(owner.toString());
        assertThat(claims.getStringClaim("api_key_id")).isEqualTo(AUTH_SERVICE.keyIdOf(key).toString());
        assertThat(MODEL_MANAGER.lastRequest().headers().toString()).doesNotContain(key);
        assertThat(CHAT.lastRequest().headers().toString()).doesNotContain(key);
        assertThat(exchangesOf(key)).isEqualTo(1);
    }

    @Test
    void theGatewayAuthenticatesToAuthServiceWithItsClientCredentials() {
        String key = AUTH_SERVICE.issueKey(UUID.randomUUID());
        AUTH_SERVICE.forgetServiceTokens();

        HttpResponse<String> response = get("/v1/models", "Authorization", bearer(key));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeService.RecordedRequest tokenRequest = AUTH.requests().stream()
                .filter(request -> request.pathAndQuery().equals("/oauth2/token")).findFirst().orElseThrow();
        assertThat(tokenRequest.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("api-gateway:" + GATEWAY_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenRequest.bodyText()).isEqualTo("grant_type=client_credentials");
        FakeService.RecordedRequest exchange = AUTH.requests().stream()
                .filter(request -> request.pathAndQuery().equals("/internal/v1/api-keys/exchange"))
                .reduce((earlier, later) -> later).orElseThrow();
        assertThat(exchange.header("Authorization")).startsWith("Bearer ey");
        assertThat(exchange.bodyText()).isEqualTo("{\"apiKey\":\"" + key + "\"}");
    }

    @Test
    void aServiceTokenAuthServiceNoLongerAcceptsIsReplacedOnTheSpot() {
        get("/v1/models", "Authorization", bearer(AUTH_SERVICE.issueKey(UUID.randomUUID())));
        AUTH_SERVICE.forgetServiceTokens();
        AUTH.reset();

        HttpResponse<String> response = get("/v1/models", "Authorization",
                bearer(AUTH_SERVICE.issueKey(UUID.randomUUID())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AUTH.requests()).extracting(FakeService.RecordedRequest::pathAndQuery).containsExactly(
                "/internal/v1/api-keys/exchange", "/oauth2/token", "/internal/v1/api-keys/exchange");
    }

    @Test
    void anUnknownKeyIsRefusedInOpenAisShapeAndTheRefusalIsRemembered() {
        String key = "sk-" + UUID.randomUUID().toString().replace("-", "");

        HttpResponse<String> first = get("/v1/models", "Authorization", bearer(key));
        HttpResponse<String> second = get("/v1/models", "Authorization", bearer(key));

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(json(first).at("/error/code").asString()).isEqualTo("invalid_api_key");
        assertThat(json(first).at("/error/type").asString()).isEqualTo("authentication_error");
        assertThat(first.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("invalid_token"));
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(exchangesOf(key)).isEqualTo(1);
        assertThat(MODEL_MANAGER.requests()).isEmpty();
    }

    @Test
    void aRevokedKeyKeepsWorkingForAtMostTheCacheTtl() {
        String key = AUTH_SERVICE.issueKey(UUID.randomUUID());
        assertThat(get("/v1/models", "Authorization", bearer(key)).statusCode()).isEqualTo(200);
        AUTH_SERVICE.revoke(key);

        HttpResponse<String> withinTtl = get("/v1/models", "Authorization", bearer(key));
        CLOCK.advance(CACHE_TTL.plusSeconds(1));
        HttpResponse<String> afterTtl = get("/v1/models", "Authorization", bearer(key));

        assertThat(withinTtl.statusCode()).isEqualTo(200);
        assertThat(afterTtl.statusCode()).isEqualTo(401);
        assertThat(json(afterTtl).at("/error/code").asString()).isEqualTo("invalid_api_key");
        assertThat(exchangesOf(key)).isEqualTo(2);
    }

    @Test
    void aKeyInUseIsExchangedAgainBeforeItsAnswerExpiresWithoutMakingRequestsWait() {
        String key = AUTH_SERVICE.issueKey(UUID.randomUUID());
        assertThat(get("/v1/models", "Authorization", bearer(key)).statusCode()).isEqualTo(200);

        CLOCK.advance(CACHE_TTL.minusSeconds(5));
        HttpResponse<String> inLastQuarter = get("/v1/models", "Authorization", bearer(key));
        await().atMost(Duration.ofSeconds(5)).until(() -> exchangesOf(key) == 2);
        CLOCK.advance(Duration.ofSeconds(10));
        HttpResponse<String> pastTheFirstAnswersTtl = get("/v1/models", "Authorization", bearer(key));

        assertThat(inLastQuarter.statusCode()).isEqualTo(200);
        assertThat(pastTheFirstAnswersTtl.statusCode()).isEqualTo(200);
        assertThat(exchangesOf(key)).as("the answer exchanged ahead is the one in use").isEqualTo(2);
    }

    @Test
    void aRevocationFoundByTheExchangeAheadAppliesAtOnce() {
        String key = AUTH_SERVICE.issueKey(UUID.randomUUID());
        assertThat(get("/v1/models", "Authorization", bearer(key)).statusCode()).isEqualTo(200);
        AUTH_SERVICE.revoke(key);

        CLOCK.advance(CACHE_TTL.minusSeconds(5));
        HttpResponse<String> stillRemembered = get("/v1/models", "Authorization", bearer(key));
        await().atMost(Duration.ofSeconds(5)).until(() -> exchangesOf(key) == 2);
        HttpResponse<String> afterTheExchange = get("/v1/models", "Authorization", bearer(key));

        assertThat(stillRemembered.statusCode()).isEqualTo(200);
        assertThat(afterTheExchange.statusCode()).isEqualTo(401);
        assertThat(json(afterTheExchange).at("/error/code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void aKeyOfADisabledAccountIsForbidden() {
        UUID owner = UUID.randomUUID();
        String key = AUTH_SERVICE.issueKey(owner);
        AUTH_SERVICE.disable(owner);

        HttpResponse<String> response = get("/api/v1/conversations", "Authorization", bearer(key));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("code").asString()).isEqualTo("account_disabled");
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void aKeyCannotBeCheckedWhileAuthServiceFailsAndThatIsNotRemembered() {
        String key = AUTH_SERVICE.issueKey(UUID.randomUUID());
        AUTH.answer((exchange, request) -> FakeService.respond(exchange, 500, "application/problem+json",
                "{\"status\":500,\"code\":\"internal_error\"}"));

        HttpResponse<String> failing = get("/v1/models", "Authorization", bearer(key));
        AUTH.answer(AUTH.defaultHandler());
        HttpResponse<String> recovered = get("/v1/models", "Authorization", bearer(key));

        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(json(failing).at("/error/code").asString()).isEqualTo("service_unavailable");
        assertThat(failing.headers().firstValue("Retry-After")).isPresent();
        assertThat(recovered.statusCode()).isEqualTo(200);
    }

    @Test
    void aKeySentToAPublicPathIsNotForwarded() {
        postJson("/api/v1/auth/register", "{}", "Authorization", bearer(AUTH_SERVICE.issueKey(UUID.randomUUID())));

        assertThat(AUTH.lastRequest().pathAndQuery()).isEqualTo("/api/v1/auth/register");
        assertThat(AUTH.lastRequest().header("Authorization")).isNull();
    }

    private static long exchangesOf(String key) {
        return AUTH.requests().stream()
                .filter(request -> request.pathAndQuery().equals("/internal/v1/api-keys/exchange"))
                .filter(request -> request.bodyText().contains(key))
                .count();
    }
}
