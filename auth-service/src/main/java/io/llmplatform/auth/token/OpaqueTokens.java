package io.llmplatform.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets handed to clients once (refresh tokens, API keys) and their SHA-256 hashes, which are all the
 * database keeps. A fast hash is right here: the secrets carry 256 bits of entropy, so there is nothing to guess.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Compares two secrets in constant time. */
    public static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(hash(presented), hash(expected));
    }

    private OpaqueTokens() {
    }
}
