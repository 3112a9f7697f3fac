package io.llmplatform.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How the gateway recognises a program's API key ({@code sk-...}) among bearer tokens. */
public final class ApiKeys {

    static final String PREFIX = "sk-";
    private static final String BEARER_PREFIX = "Bearer " + PREFIX;

    public static boolean isApiKey(String bearerToken) {
        return bearerToken != null && bearerToken.startsWith(PREFIX);
    }

    public static boolean isApiKeyAuthorization(String authorizationHeader) {
        return authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length());
    }

    /** What a key is remembered by: its SHA-256, so the gateway's memory never holds the key itself. */
    static String fingerprint(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private ApiKeys() {
    }
}
