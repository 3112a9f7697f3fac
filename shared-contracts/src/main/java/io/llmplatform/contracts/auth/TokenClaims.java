package io.llmplatform.contracts.auth;

/** The JWT claims and values auth-service issues and every service reads. */
public final class TokenClaims {

    /** The audience of every access token the platform's services accept. */
    public static final String PLATFORM_AUDIENCE = "llm-platform";

    /** The caller's roles, e.g. {@code ["USER", "ADMIN"]}. */
    public static final String ROLES = "roles";

    /** On tokens exchanged for an API key: the key's id, so usage can be attributed to it. */
    public static final String API_KEY_ID = "api_key_id";

    public static final String ROLE_USER = "USER";
    public static final String ROLE_ADMIN = "ADMIN";
    /** A platform service acting for itself (client credentials), never a person. */
    public static final String ROLE_SERVICE = "SERVICE";

    private TokenClaims() {
    }
}
