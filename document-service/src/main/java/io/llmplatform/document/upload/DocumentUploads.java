package io.llmplatform.document.upload;

import io.llmplatform.contracts.documents.CollectionRequest;
import io.llmplatform.contracts.documents.DocumentView;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.document.collections.CollectionRepository;
import io.llmplatform.document.documents.DocumentRepository;
import io.llmplatform.document.documents.DocumentRepository.NewDocument;
import io.llmplatform.document.ingestion.IngestionWorkers;
import io.llmplatform.document.parsing.DocumentFormat;
import io.llmplatform.document.parsing.FormatDetector;
import io.llmplatform.document.storage.OriginalFileStore;
import io.llmplatform.support.PlatformException;
import io.llmplatform.support.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts an upload: checks it (size, type sniffed from the content, collection name, metadata), keeps the
 * original file, then records the document and its job in one transaction. Anything refused leaves nothing behind.
 */
@Service
@EnableConfigurationProperties(UploadProperties.class)
class DocumentUploads {

    static final String DEFAULT_COLLECTION = "default";
    private static final Logger log = LoggerFactory.getLogger(DocumentUploads.class);
    private static final Pattern COLLECTION_NAME = Pattern.compile(CollectionRequest.NAME_PATTERN);
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\uFEFF]");
    private static final int MAX_NAME = 255;

    private final UploadProperties limits;
    private final FormatDetector formats;
    private final OriginalFileStore files;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestionWorkers workers;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    DocumentUploads(UploadProperties limits, FormatDetector formats, OriginalFileStore files,
            CollectionRepository collections, DocumentRepository documents, IngestionWorkers workers,
            TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.limits = limits;
        this.formats = formats;
        this.files = files;
        this.collections = collections;
        this.documents = documents;
        this.workers = workers;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    DocumentView accept(Caller caller, MultipartFile file, String collection, String metadata) {
        if (file.isEmpty()) {
            throw PlatformException.invalidField("file", "is empty");
        }
        if (file.getSize() > limits.maxFileSize().toBytes()) {
            throw new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is larger than the limit of "
                    + limits.maxFileSize().toMegabytes() + " MB", "file");
        }
        String collectionName = collectionName(collection);
        String metadataJson = metadataJson(metadata);
        String name = displayName(file.getOriginalFilename());
        DocumentFormat format = detect(file, name);
        UUID id = UUID.randomUUID();
        keep(id, file);
        Instant now = clock.instant();
        DocumentView accepted;
        try {
            accepted = transactions.execute(status -> {
                documents.insert(new NewDocument(id, caller.userId(), caller.apiKeyId(),
                        collections.idOf(caller.userId(), collectionName, now), name, format, file.getSize(),
                        metadataJson), now);
                return documents.find(caller.userId(), id).orElseThrow();
            });
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
        workers.wake();
        return accepted;
    }

    private DocumentFormat detect(MultipartFile file, String name) {
        try (InputStream content = file.getInputStream()) {
            return formats.detect(content, name).orElseThrow(() -> new PlatformException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Only PDF, DOCX, plain text, Markdown and HTML files are "
                            + "accepted, told by their content; this file is none of them", "file"));
        } catch (IOException e) {
            throw PlatformException.invalidField("file", "could not be read");
        }
    }

    private void keep(UUID id, MultipartFile file) {
        try (InputStream content = file.getInputStream()) {
            files.put(id, content, file.getSize());
        } catch (IOException e) {
            forget(id);
            throw new PlatformException(ErrorCode.SERVICE_UNAVAILABLE, "The file could not be stored; try again",
                    null, e);
        }
    }

    private void forget(UUID id) {
        try {
            files.delete(id);
        } catch (IOException e) {
            log.warn("The file of refused upload {} could not be removed: {}", id, e.toString());
        }
    }

    private static String collectionName(String collection) {
        if (collection == null || collection.isBlank()) {
            return DEFAULT_COLLECTION;
        }
        if (!COLLECTION_NAME.matcher(collection).matches()) {
            throw PlatformException.invalidField("collection", CollectionRequest.NAME_RULE);
        }
        return collection;
    }

    private String metadataJson(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return "{}";
        }
        if (metadata.length() > limits.maxMetadataSize().toBytes()) {
            throw PlatformException.invalidField("metadata", "must be at most "
                    + limits.maxMetadataSize().toKilobytes() + " KB of JSON");
        }
        JsonNode node;
        try {
            node = json.readTree(metadata);
        } catch (JacksonException e) {
            throw PlatformException.invalidField("metadata", "must be a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw PlatformException.invalidField("metadata", "must be a JSON object");
        }
        return json.writeValueAsString(node);
    }

    /** The name shown for the document: the file name without any directories or control characters. */
    static String displayName(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = UNPRINTABLE.matcher(name).replaceAll("").strip();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, name.codePointCount(0, MAX_NAME - 1)));
        }
        return name.isEmpty() ? "document" : name;
    }
}
