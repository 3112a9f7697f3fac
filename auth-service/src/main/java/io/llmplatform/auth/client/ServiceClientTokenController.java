package io.llmplatform.auth.client;

import io.llmplatform.auth.config.AuthProperties;
import io.llmplatform.auth.token.AccessTokenIssuer;
import io.llmplatform.auth.token.OpaqueTokens;
import io.llmplatform.contracts.auth.AccessToken;
import io.llmplatform.contracts.auth.TokenResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0's client-credentials grant (RFC 6749 section 4.4) for platform services acting for themselves: the
 * token carries the {@code SERVICE} role. Clients and their secrets come from the environment. Errors follow the
 * RFC's {@code {"error": ...}} body, which OAuth client libraries expect from a token endpoint.
 */
@RestController
class ServiceClientTokenController {

    private final Map<String, String> secrets;
    private final AccessTokenIssuer accessTokens;

    ServiceClientTokenController(AuthProperties properties, AccessTokenIssuer accessTokens) {
        this.secrets = properties.serviceClients().stream()
                .filter(client -> client.secret() != null && !client.secret().isBlank())
                .collect(Collectors.toUnmodifiableMap(AuthProperties.ServiceClient::id,
                        AuthProperties.ServiceClient::secret));
        this.accessTokens = accessTokens;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam("grant_type") String grantType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "client_id", required = false) String formClientId,
            @RequestParam(name = "client_secret", required = false) String formClientSecret) {
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        Optional<String[]> credentials = basic(authorization)
                .or(() -> formClientId != null && formClientSecret != null
                        ? Optional.of(new String[] {formClientId, formClientSecret}) : Optional.empty());
        String clientId = credentials.map(pair -> pair[0]).orElse("");
        String expected = secrets.get(clientId);
        if (expected == null || !OpaqueTokens.sameSecret(credentials.get()[1], expected)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"llm-platform\"")
                    .body(Map.of("error", "invalid_client"));
        }
        AccessTokenIssuer.IssuedToken token = accessTokens.forService(clientId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new AccessToken(token.value(), TokenResponse.BEARER, token.lifetime().toSeconds()));
    }

    private static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
