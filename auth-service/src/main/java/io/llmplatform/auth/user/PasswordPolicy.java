package io.llmplatform.auth.user;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B's advice rather than composition rules: long enough (12 to 128 characters, checked on the request),
 * not a well-known breached password, not built from the user's own name or email, not one character repeated.
 */
@Component
class PasswordPolicy {

    private static final int MIN_DISTINCT_CHARACTERS = 5;

    private final Set<String> common = load();

    void check(String password, String email, String username) {
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw rejected("is too common; choose a passphrase of your own");
        }
        if (lower.contains(username.toLowerCase(Locale.ROOT))
                || (localPart.length() >= 3 && lower.contains(localPart))) {
            throw rejected("must not contain your username or email");
        }
        if (password.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw rejected("must use at least " + MIN_DISTINCT_CHARACTERS + " different characters");
        }
    }

    private static PlatformException rejected(String reason) {
        return new PlatformException(ErrorCode.VALIDATION_FAILED, "password " + reason, "password");
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
