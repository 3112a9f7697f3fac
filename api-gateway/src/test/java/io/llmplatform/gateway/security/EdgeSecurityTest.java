package io.llmplatform.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Access tokens are checked at the edge against auth-service's JWKS: signature, expiry, issuer, audience. */
class EdgeSecurityTest extends GatewayTestSupport {

    /** The gateway's least time between two reads of the JWKS (platform.gateway.tokens.jwks-min-refresh-interval). */
    private static final Duration MIN_JWKS_REFRESH = Duration.ofSeconds(10);

    @Test
    void aRequestWithoutATokenIsChallengedInItsApisErrorShape() {
        HttpResponse<String> platform = get("/api/v1/conversations");
        HttpResponse<String> openAi = get("/v1/models");

        assertThat(platform.statusCode()).isEqualTo(401);
        assertThat(platform.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(platform.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(platform).get("code").asString()).isEqualTo("unauthorized");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(openAi.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(openAi).at("/error/code").asString()).isEqualTo("unauthorized");
        assertThat(json(openAi).at("/error/type").asString()).isEqualTo("authentication_error");
        assertThat(CHAT.requests()).isEmpty();
        assertThat(MODEL_MANAGER.requests()).isEmpty();
    }

    static Stream<Arguments> badTokens() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("expired", SIGNING_KEYS.sign(SIGNING_KEYS.claimsFor(user, "USER")
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(30))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))).build())),
                Arguments.of("for another audience",
                        SIGNING_KEYS.sign(SIGNING_KEYS.claimsFor(user, "USER").audience("another-platform").build())),
                Arguments.of("from another issuer",
                        SIGNING_KEYS.sign(SIGNING_KEYS.claimsFor(user, "USER").issuer("https://evil.example").build())),
                Arguments.of("with a tampered signature", tamperedSignature(SIGNING_KEYS.tokenFor(user, "USER"))),
                Arguments.of("with tampered claims", tamperedClaims(SIGNING_KEYS.tokenFor(user, "USER"))),
                Arguments.of("signed by another key under the real key's id",
                        signedByAnotherKey(SIGNING_KEYS.claimsFor(user, "USER").build())),
                Arguments.of("unsigned", new com.nimbusds.jwt.PlainJWT(SIGNING_KEYS.claimsFor(user, "USER").build())
                        .serialize()),
                Arguments.of("not a JWT", "not.a.jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aTokenFailingAnyCheckIsRefused(String problem, String token) {
        HttpResponse<String> response = get("/api/v1/conversations", "Authorization", bearer(token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(json(response).get("code").asString()).isEqualTo("invalid_token");
        assertThat(CHAT.requests()).isEmpty();
    }

    @Test
    void aValidTokenIsForwardedAsItCame() {
        String token = userToken();

        HttpResponse<String> response = get("/api/v1/conversations", "Authorization", bearer(token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CHAT.lastRequest().header("Authorization")).isEqualTo(bearer(token));
    }

    @Test
    void aTokenSignedWithARotatedKeyIsAcceptedOnceTheJwksNamesIt() {
        SIGNING_KEYS.rotate();
        CLOCK.advance(MIN_JWKS_REFRESH.plusSeconds(1));
        int readsBefore = SIGNING_KEYS.jwksReads();
        String tokenOfTheNewKey = userToken();

        HttpResponse<String> first = get("/api/v1/conversations", "Authorization", bearer(tokenOfTheNewKey));
        HttpResponse<String> second = get("/api/v1/conversations", "Authorization", bearer(userToken()));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(SIGNING_KEYS.jwksReads()).as("the JWKS is read again once, for the new key id")
                .isEqualTo(readsBefore + 1);
    }

    @Test
    void tokensNamingUnknownKeysCannotMakeTheGatewayHammerTheJwks() {
        CLOCK.advance(MIN_JWKS_REFRESH.plusSeconds(1));
        int readsBefore = SIGNING_KEYS.jwksReads();

        var responses = IntStream.range(0, 20)
                .mapToObj(i -> get("/api/v1/conversations", "Authorization", bearer(
                        SIGNING_KEYS.signWithUnpublishedKey(SIGNING_KEYS.claimsFor(UUID.randomUUID()).build()))))
                .toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
        assertThat(SIGNING_KEYS.jwksReads() - readsBefore).as("reads of the JWKS for 20 unknown key ids")
                .isEqualTo(1);
    }

    @Test
    void publicPathsAreReachedWithoutATokenAndWithAStaleOne() {
        String expired = SIGNING_KEYS.sign(SIGNING_KEYS.claimsFor(UUID.randomUUID(), "USER")
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());

        HttpResponse<String> register = postJson("/api/v1/auth/register", "{}");
        HttpResponse<String> refresh = postJson("/api/v1/auth/refresh", "{}", "Authorization", bearer(expired));
        HttpResponse<String> logout = postJson("/api/v1/auth/logout", "{}");
        HttpResponse<String> jwks = get("/.well-known/jwks.json");
        HttpResponse<String> health = get("/actuator/health/liveness");
        HttpResponse<String> apiDocs = get("/v3/api-docs");

        assertThat(register.statusCode()).isEqualTo(200);
        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(AUTH.requests()).extracting(request -> request.pathAndQuery()).containsExactly(
                "/api/v1/auth/register", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/.well-known/jwks.json");
    }

    @Test
    void everythingElseAtAuthServiceNeedsAToken() {
        HttpResponse<String> me = get("/api/v1/auth/me");
        HttpResponse<String> usage = get("/api/v1/usage");
        HttpResponse<String> admin = get("/api/v1/admin/users");

        assertThat(Stream.of(me, usage, admin)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        });
        assertThat(AUTH.requests()).isEmpty();
    }

    private static String tamperedSignature(String token) {
        String[] parts = token.split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    private static String tamperedClaims(String token) {
        try {
            SignedJWT original = SignedJWT.parse(token);
            JWTClaimsSet escalated = new JWTClaimsSet.Builder(original.getJWTClaimsSet())
                    .claim("roles", java.util.List.of("ADMIN")).build();
            String payload = com.nimbusds.jose.util.Base64URL.encode(escalated.toString()).toString();
            String[] parts = token.split("\\.");
            return parts[0] + "." + payload + "." + parts[2];
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedByAnotherKey(JWTClaimsSet claims) {
        try {
            var key = new ECKeyGenerator(Curve.P_256).generate();
            String realKeyId = SignedJWT.parse(SIGNING_KEYS.tokenFor(UUID.randomUUID())).getHeader().getKeyID();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(realKeyId).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
