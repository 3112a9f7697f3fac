package io.llmplatform.support.feign;

import feign.RequestTemplate;
import io.llmplatform.contracts.auth.InternalHeaders;
import io.llmplatform.contracts.auth.TokenClaims;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The bearer token of the request being served goes on to the callee, which validates it itself: a synchronous call
 * made for a user acts as that user. When that request is a service acting for a user (a {@code SERVICE} token with
 * {@link InternalHeaders}), the headers go on too, so the callee sees the same user. Outside a request there is no
 * token, and nothing is added.
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
            if (token.getToken() instanceof Jwt jwt && isService(jwt)) {
                forwardInternalHeaders(call);
            }
        }
    }

    private static boolean isService(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        return roles != null && roles.contains(TokenClaims.ROLE_SERVICE);
    }

    private static void forwardInternalHeaders(RequestTemplate call) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes served) {
            for (String name : List.of(InternalHeaders.USER_ID, InternalHeaders.API_KEY_ID)) {
                String value = served.getRequest().getHeader(name);
                if (value != null) {
                    call.header(name, value);
                }
            }
        }
    }
}
