package io.llmplatform.gateway.apikey;

import io.llmplatform.contracts.auth.AccessToken;
import io.llmplatform.contracts.auth.ApiKeyExchangeRequest;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * auth-service's {@code POST /internal/v1/api-keys/exchange}, called with the gateway's service token. A key it
 * refuses is an {@link ExchangeOutcome.Refused}; an auth-service that cannot answer is 503
 * {@code service_unavailable}, which is not remembered.
 */
final class ApiKeyExchangeClient {

    private final WebClient http;
    private final ServiceTokenClient serviceTokens;
    private final ApiKeyProperties properties;
    private final URI exchangeUri;
    private final Clock clock;

    ApiKeyExchangeClient(WebClient http, ServiceTokenClient serviceTokens, ApiKeyProperties properties,
            Clock clock) {
        this.http = http;
        this.serviceTokens = serviceTokens;
        this.properties = properties;
        this.exchangeUri = properties.authServiceUrl().resolve("/internal/v1/api-keys/exchange");
        this.clock = clock;
    }

    Mono<ExchangeOutcome> exchange(String apiKey) {
        return exchangeWithServiceToken(apiKey, true)
                .timeout(properties.timeout().multipliedBy(2))
                .onErrorMap(failure -> !(failure instanceof PlatformException), ApiKeyExchangeClient::unavailable);
    }

    private Mono<ExchangeOutcome> exchangeWithServiceToken(String apiKey, boolean retryWithNewServiceToken) {
        Mono<String> serviceToken = serviceTokens.token();
        return serviceToken.flatMap(token -> http.post()
                .uri(exchangeUri)
                .headers(headers -> headers.setBearerAuth(token))
                .bodyValue(new ApiKeyExchangeRequest(apiKey))
                .exchangeToMono(this::outcome)
                .timeout(properties.timeout()))
                .onErrorResume(ServiceTokenRefused.class, refused -> {
                    serviceTokens.invalidate(serviceToken);
                    return retryWithNewServiceToken ? exchangeWithServiceToken(apiKey, false) : Mono.error(refused);
                });
    }

    private Mono<ExchangeOutcome> outcome(ClientResponse response) {
        int status = response.statusCode().value();
        if (status == HttpStatus.OK.value()) {
            return response.bodyToMono(AccessToken.class).map(token -> new ExchangeOutcome.Granted(
                    token.accessToken(), clock.instant().plusSeconds(token.expiresIn())));
        }
        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()
                || status == HttpStatus.BAD_REQUEST.value()) {
            return response.bodyToMono(JsonNode.class)
                    .map(body -> body.path("code").asString(""))
                    .defaultIfEmpty("")
                    .flatMap(code -> refusal(status, code));
        }
        return response.releaseBody().then(Mono.error(new IllegalStateException(
                "auth-service answered the key exchange with " + status)));
    }

    private static Mono<ExchangeOutcome> refusal(int status, String code) {
        if (ErrorCode.ACCOUNT_DISABLED.code().equals(code)) {
            return Mono.just(new ExchangeOutcome.Refused(ErrorCode.ACCOUNT_DISABLED,
                    "The API key's owner is disabled"));
        }
        if (ErrorCode.INVALID_API_KEY.code().equals(code) || status == HttpStatus.BAD_REQUEST.value()) {
            return Mono.just(new ExchangeOutcome.Refused(ErrorCode.INVALID_API_KEY,
                    "The API key is not valid, revoked or expired"));
        }
        // Any other refusal is of the gateway's own service token, not of the caller's key.
        return Mono.error(new ServiceTokenRefused(status, code));
    }

    private static PlatformException unavailable(Throwable cause) {
        return new PlatformException(ErrorCode.SERVICE_UNAVAILABLE,
                "API keys cannot be checked right now; retry shortly", null, cause)
                .withHeader(HttpHeaders.RETRY_AFTER, "5");
    }

    private static final class ServiceTokenRefused extends RuntimeException {
        ServiceTokenRefused(int status, String code) {
            super("auth-service refused the gateway's service token: " + status + " " + code, null, false, false);
        }
    }
}
