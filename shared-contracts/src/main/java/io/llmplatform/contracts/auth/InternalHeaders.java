package io.llmplatform.contracts.auth;

/**
 * Headers a platform service sends when it calls another for a user outside that user's request (an ingestion
 * worker, say), with its own client-credentials token. The callee believes them only when that token carries the
 * {@link TokenClaims#ROLE_SERVICE} role; the gateway removes every {@code X-Internal-*} header from outside requests.
 */
public final class InternalHeaders {

    /** The user the call acts for (a UUID): usage is billed to them and their quota applies. */
    public static final String USER_ID = "X-Internal-User-Id";

    /** The API key that user's original request came with (a UUID), when there was one. */
    public static final String API_KEY_ID = "X-Internal-Api-Key-Id";

    private InternalHeaders() {
    }
}
