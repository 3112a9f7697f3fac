package io.llmplatform.support.feign;

import feign.RequestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The bearer token of the request being served goes on to the callee, which validates it itself: a synchronous call
 * made for a user acts as that user. Outside a request there is no token, and nothing is added.
 */
final class ForwardedUserToken implements OutboundCredentials {

    static final String MODE = "forward-user";

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public void apply(RequestTemplate call) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            call.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken().getTokenValue());
        }
    }
}
