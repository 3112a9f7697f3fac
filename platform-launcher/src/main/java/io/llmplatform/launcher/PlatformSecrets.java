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
 * a default: every platform has its own. A secret added by a later version is generated into an existing file.
 */
public record PlatformSecrets(String keyEncryptionKey, String adminEmail, String adminPassword,
        String gatewayClientSecret, String documentClientSecret) {

    public static final String FILE = "secrets.properties";

    static PlatformSecrets loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            Properties stored = new Properties();
            boolean exists = Files.exists(file);
            if (exists) {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            boolean added = generateMissing(stored, "AUTH_KEY_ENCRYPTION_KEY", random(32))
                    | generateMissing(stored, "ADMIN_EMAIL", "admin@localhost.localdomain")
                    | generateMissing(stored, "ADMIN_PASSWORD", random(18).replace('/', '_').replace('+', '-'))
                    | generateMissing(stored, "GATEWAY_CLIENT_SECRET", random(24))
                    | generateMissing(stored, "DOCUMENT_SERVICE_CLIENT_SECRET", random(24));
            if (added) {
                write(dataDirectory, file, stored, exists);
            }
            return new PlatformSecrets(stored.getProperty("AUTH_KEY_ENCRYPTION_KEY"),
                    stored.getProperty("ADMIN_EMAIL"), stored.getProperty("ADMIN_PASSWORD"),
                    stored.getProperty("GATEWAY_CLIENT_SECRET"), stored.getProperty("DOCUMENT_SERVICE_CLIENT_SECRET"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static boolean generateMissing(Properties stored, String name, String value) {
        if (stored.getProperty(name) != null) {
            return false;
        }
        stored.setProperty(name, value);
        return true;
    }

    private static void write(Path dataDirectory, Path file, Properties properties, boolean exists)
            throws IOException {
        Files.createDirectories(dataDirectory);
        if (!exists) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Generated at the platform's first start. Delete the data directory to reset.");
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
