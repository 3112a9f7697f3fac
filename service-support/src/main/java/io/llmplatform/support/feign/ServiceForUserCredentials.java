package io.llmplatform.support.feign;

import feign.RequestTemplate;
import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * {@code service-for-user}: inside {@link ActingForUser#call}, the service's own client-credentials token (from
 * auth-service's {@code /oauth2/token}, obtained and cached until shortly before it expires by Spring Security's
 * OAuth2 client) with the user in {@link InternalHeaders}; outside it, in a user's request, that user's own token as
 * {@code forward-user} sends it. One client then serves both a worker and a user's request.
 */
public final class ServiceForUserCredentials implements OutboundCredentials {

    public static final String MODE = "service-for-user";

    private final OAuth2AuthorizedClientManager clients;
    private final String registrationId;
    private final OutboundCredentials inRequest;

    ServiceForUserCredentials(OAuth2AuthorizedClientManager clients, String registrationId,
            OutboundCredentials inRequest) {
        this.clients = clients;
        this.registrationId = registrationId;
        this.inRequest = inRequest;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public void apply(RequestTemplate call) {
        ActingForUser.current().ifPresentOrElse(user -> {
            call.header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken());
            call.header(InternalHeaders.USER_ID, user.userId().toString());
            if (user.apiKeyId() != null) {
                call.header(InternalHeaders.API_KEY_ID, user.apiKeyId().toString());
            }
        }, () -> inRequest.apply(call));
    }

    private String serviceToken() {
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                    .principal(registrationId).build());
        } catch (RuntimeException failed) {
            // auth-service unreachable, slow, or refusing the client: the call cannot be made now.
            throw new PlatformException(ErrorCode.SERVICE_UNAVAILABLE, "no service token from auth-service: "
                    + failed.getMessage(), null, failed).withHeader(HttpHeaders.RETRY_AFTER,
                    FeignFailures.RETRY_AFTER_SECONDS);
        }
        if (client == null) {
            throw new IllegalStateException("client registration '" + registrationId + "' gives no token");
        }
        return client.getAccessToken().getTokenValue();
    }
}
