package io.llmplatform.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import io.llmplatform.contracts.auth.TokenClaims;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody;
import io.llmplatform.testkit.tokens.TestTokenIssuer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service's two endpoints the gateway calls, answering exactly as auth-service's controllers do (statuses,
 * bodies, headers): {@code POST /oauth2/token} (client credentials, {@code ServiceClientTokenController}) and
 * {@code POST /internal/v1/api-keys/exchange} ({@code ApiKeyController}, {@code ApiKeyService.exchange}, with
 * service-support's problem bodies). Every other path gets the service's ordinary answer.
 */
public final class AuthServiceStandIn implements FakeService.Handler {

    public static final String CLIENT_ID = "api-gateway";
    public static final Duration SERVICE_TOKEN_TTL = Duration.ofMinutes(10);
    public static final Duration API_KEY_TOKEN_TTL = Duration.ofMinutes(5);

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String EXCHANGE_PATH = "/internal/v1/api-keys/exchange";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestTokenIssuer signingKeys;
    private final String clientSecret;
    private final FakeService.Handler otherPaths;
    private final Set<String> validServiceTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<UUID> disabledOwners = ConcurrentHashMap.newKeySet();

    private record Key(UUID id, UUID owner, boolean revoked) {
    }

    public AuthServiceStandIn(TestTokenIssuer signingKeys, String clientSecret, FakeService.Handler otherPaths) {
        this.signingKeys = signingKeys;
        this.clientSecret = clientSecret;
        this.otherPaths = otherPaths;
    }

    /** A new key of {@code owner}, as {@code POST /api/v1/auth/api-keys} shows it once. */
    public String issueKey(UUID owner) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        keys.put(key, new Key(UUID.randomUUID(), owner, false));
        return key;
    }

    public UUID keyIdOf(String key) {
        return keys.get(key).id();
    }

    public void revoke(String key) {
        keys.computeIfPresent(key, (k, known) -> new Key(known.id(), known.owner(), true));
    }

    public void disable(UUID owner) {
        disabledOwners.add(owner);
    }

    /** As after a restart with new signing keys: the gateway's service token is no longer accepted. */
    public void forgetServiceTokens() {
        validServiceTokens.clear();
    }

    @Override
    public void handle(HttpExchange exchange, FakeService.RecordedRequest request) throws Exception {
        if (request.method().equals("POST") && request.pathAndQuery().equals(TOKEN_PATH)) {
            token(exchange, request);
        } else if (request.method().equals("POST") && request.pathAndQuery().equals(EXCHANGE_PATH)) {
            exchangeKey(exchange, request);
        } else {
            otherPaths.handle(exchange, request);
        }
    }

    private void token(HttpExchange exchange, FakeService.RecordedRequest request) throws IOException {
        Map<String, String> form = form(request.bodyText());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            json(exchange, 400, "application/json", Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!(CLIENT_ID + ":" + clientSecret).equals(basicCredentials(request.header("Authorization")))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"llm-platform\"");
            json(exchange, 401, "application/json", Map.of("error", "invalid_client"));
            return;
        }
        String token = signingKeys.sign(signingKeys.claimsFor(UUID.randomUUID())
                .subject(CLIENT_ID)
                .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_SERVICE))
                .expirationTime(Date.from(Instant.now().plus(SERVICE_TOKEN_TTL)))
                .build());
        validServiceTokens.add(token);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, "application/json",
                Map.of("access_token", token, "token_type", "Bearer", "expires_in", SERVICE_TOKEN_TTL.toSeconds()));
    }

    private void exchangeKey(HttpExchange exchange, FakeService.RecordedRequest request) throws IOException {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            problem(exchange, ErrorCode.UNAUTHORIZED, "This endpoint needs an access token");
            return;
        }
        if (!validServiceTokens.contains(authorization.substring("Bearer ".length()))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\", "
                    + "error_description=\"The access token is invalid or has expired\"");
            problem(exchange, ErrorCode.INVALID_TOKEN, "The access token is invalid or has expired");
            return;
        }
        JsonNode body = JSON.readTree(request.body());
        String presented = body.path("apiKey").asString("");
        if (presented.isBlank() || presented.length() > 200) {
            json(exchange, 400, ProblemBody.MEDIA_TYPE, ProblemBody.of(ErrorCode.VALIDATION_FAILED,
                    "1 field is invalid", EXCHANGE_PATH, traceId(), request.header("X-Request-Id"),
                    List.of(new ProblemBody.FieldViolation("apiKey", "must not be blank"))));
            return;
        }
        Key key = keys.get(presented);
        if (key == null || key.revoked()) {
            problem(exchange, ErrorCode.INVALID_API_KEY, "The API key is not valid, revoked or expired");
            return;
        }
        if (disabledOwners.contains(key.owner())) {
            problem(exchange, ErrorCode.ACCOUNT_DISABLED, "The API key's owner is disabled");
            return;
        }
        String token = signingKeys.sign(signingKeys.claimsFor(key.owner(), TokenClaims.ROLE_USER)
                .claim(TokenClaims.API_KEY_ID, key.id().toString())
                .expirationTime(Date.from(Instant.now().plus(API_KEY_TOKEN_TTL)))
                .build());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, "application/json",
                Map.of("access_token", token, "token_type", "Bearer", "expires_in", API_KEY_TOKEN_TTL.toSeconds()));
    }

    private static void problem(HttpExchange exchange, ErrorCode code, String detail) throws IOException {
        json(exchange, code.status(), ProblemBody.MEDIA_TYPE,
                ProblemBody.of(code, detail, EXCHANGE_PATH, traceId(), null, null));
    }

    private static void json(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        FakeService.respond(exchange, status, contentType, JSON.writeValueAsString(body));
    }

    private static String basicCredentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        return new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2) {
                form.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
