package io.llmplatform.gateway.security;

import java.time.Instant;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A validated access token, ready to be reused for every request that presents it until it expires. */
final class EdgeAuthentication extends AbstractAuthenticationToken {

    private final Jwt token;
    private final EdgeCaller caller;

    EdgeAuthentication(Jwt token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.token = token;
        this.caller = EdgeCaller.of(token);
        setAuthenticated(true);
    }

    EdgeCaller caller() {
        return caller;
    }

    Instant expiresAt() {
        return token.getExpiresAt();
    }

    @Override
    public Object getCredentials() {
        return token.getTokenValue();
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    @Override
    public String getName() {
        return token.getSubject();
    }
}
