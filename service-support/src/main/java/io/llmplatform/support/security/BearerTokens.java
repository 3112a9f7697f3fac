package io.llmplatform.support.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * Reads the token of an {@code Authorization: Bearer} header as RFC 6750 defines it (the scheme in any case, one
 * space, then a b64token: letters, digits, {@code -._~+/}, and trailing {@code =}), with the outcomes of Spring
 * Security's resolvers but without their regular expression, which was a visible share of every request's CPU.
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer";

    private BearerTokens() {
    }

    /**
     * The token, or null when the header is absent or of another scheme.
     *
     * @throws OAuth2AuthenticationException ({@code invalid_token}) when it is a bearer header without a valid token
     */
    public static String tokenOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (!isWellFormed(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length() + 1);
    }

    private static boolean isWellFormed(String authorization) {
        int start = SCHEME.length() + 1;
        if (authorization.length() <= start || authorization.charAt(SCHEME.length()) != ' ') {
            return false;
        }
        int end = authorization.length();
        while (end > start && authorization.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!isTokenCharacter(authorization.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
