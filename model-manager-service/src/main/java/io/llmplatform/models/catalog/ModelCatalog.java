package io.llmplatform.models.catalog;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.contracts.models.ProfileCatalog;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.support.PlatformException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model profiles in use: the catalog shipped in the jar, or the file {@code MODEL_CATALOG_FILE} names. A reload
 * reads and checks the whole file first and swaps it in only when all of it is valid; otherwise the catalog in use
 * stays and the failure names every bad line and field.
 */
@Component
public class ModelCatalog {

    static final String SHIPPED = "models/catalog.yaml";
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private final CatalogReader reader;
    private final String file;
    private final Clock clock;
    private volatile ProfileCatalog current;

    ModelCatalog(ModelManagerProperties properties, Validator validator, Clock clock) {
        this.reader = new CatalogReader(validator);
        this.file = properties.catalogFile() == null || properties.catalogFile().isBlank() ? null
                : properties.catalogFile();
        this.clock = clock;
        this.current = load();
        log.info("Model catalog: {} profiles from {}", current.profiles().size(), current.source());
    }

    public ProfileCatalog current() {
        return current;
    }

    public List<ModelProfile> profiles() {
        return current.profiles();
    }

    public Optional<ModelProfile> profile(String id) {
        return current.profiles().stream().filter(profile -> profile.id().equals(id)).findFirst();
    }

    /** The profile serving {@code servedName} (or loading {@code model}), if the catalog has one. */
    public Optional<ModelProfile> servedAs(String servedName, String model) {
        return current.profiles().stream().filter(profile -> profile.nameServed().equals(servedName)
                || model != null && profile.model().equals(model)).findFirst();
    }

    /** Reads the catalog again; on any problem the one in use stays and the failure says what is wrong. */
    public synchronized ProfileCatalog reload() {
        ProfileCatalog reloaded = load();
        current = reloaded;
        log.info("Model catalog reloaded: {} profiles from {}", reloaded.profiles().size(), reloaded.source());
        return reloaded;
    }

    private ProfileCatalog load() {
        String source = file != null ? file : "classpath:" + SHIPPED;
        return new ProfileCatalog(source, clock.instant(), reader.read(source, text()));
    }

    private String text() {
        try {
            if (file != null) {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8);
            }
            try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(SHIPPED)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new PlatformException(ErrorCode.CATALOG_INVALID, "The catalog " + file + " cannot be read: "
                    + e.getMessage() + "; the catalog in use stays");
        }
    }
}
