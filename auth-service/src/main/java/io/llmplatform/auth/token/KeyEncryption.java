package io.llmplatform.auth.token;

import io.llmplatform.auth.config.AuthProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts signing keys at rest with AES-256-GCM under the key-encryption key from the environment. The key id is
 * bound as associated data, so a ciphertext cannot be swapped onto another key's row.
 */
@Component
class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey keyEncryptionKey;
    private final SecureRandom random = new SecureRandom();

    KeyEncryption(AuthProperties properties) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(properties.keyEncryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AUTH_KEY_ENCRYPTION_KEY must be base64 (e.g. `openssl rand -base64 32`)");
        }
        if (key.length != 32) {
            throw new IllegalStateException("AUTH_KEY_ENCRYPTION_KEY must decode to 32 bytes, not " + key.length);
        }
        this.keyEncryptionKey = new SecretKeySpec(key, "AES");
    }

    byte[] encrypt(byte[] plaintext, String kid) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + kid, e);
        }
    }

    byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + ": is AUTH_KEY_ENCRYPTION_KEY the key it was encrypted with?", e);
        }
    }
}
