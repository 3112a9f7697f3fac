package io.llmplatform.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets of a local platform, generated at its first start and kept (owner-readable only) in its data
 * directory, so the next start signs with the same keys and the administrator keeps their password. Nothing here is
 * a default: every platform has its own.
 */
public record PlatformSecrets(String keyEncryptionKey, String adminEmail, String adminPassword, String gatewayClientSecret) {

    public static final String FILE = "secrets.properties";

    static PlatformSecrets loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
                return new PlatformSecrets(stored.getProperty("AUTH_KEY_ENCRYPTION_KEY"),
                        stored.getProperty("ADMIN_EMAIL"), stored.getProperty("ADMIN_PASSWORD"),
                        stored.getProperty("GATEWAY_CLIENT_SECRET"));
            }
            PlatformSecrets created = new PlatformSecrets(random(32), "admin@localhost.localdomain",
                    random(18).replace('/', '_').replace('+', '-'), random(24));
            Properties properties = new Properties();
            properties.setProperty("AUTH_KEY_ENCRYPTION_KEY", created.keyEncryptionKey());
            properties.setProperty("ADMIN_EMAIL", created.adminEmail());
            properties.setProperty("ADMIN_PASSWORD", created.adminPassword());
            properties.setProperty("GATEWAY_CLIENT_SECRET", created.gatewayClientSecret());
            Files.createDirectories(dataDirectory);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "Generated at the platform's first start. Delete the data directory to reset.");
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
