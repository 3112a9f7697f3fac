package io.llmplatform.document.documents;

import io.llmplatform.contracts.PageView;
import io.llmplatform.contracts.documents.DocumentProgress;
import io.llmplatform.contracts.documents.DocumentStatus;
import io.llmplatform.contracts.documents.DocumentView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The caller's documents; another user's document id is 404 on every route. Uploads are {@code UploadController}'s. */
@RestController
class DocumentController {

    private final DocumentService documents;
    private final DocumentStatusStream statusStream;

    DocumentController(DocumentService documents, DocumentStatusStream statusStream) {
        this.documents = documents;
        this.statusStream = statusStream;
    }

    @GetMapping("/api/v1/documents")
    PageView<DocumentView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) String collection, @RequestParam(required = false) DocumentStatus status,
            Caller caller) {
        return documents.list(caller.userId(), collection, status, page, size);
    }

    @GetMapping("/api/v1/documents/{id}")
    DocumentView get(@PathVariable UUID id, Caller caller) {
        return documents.get(caller.userId(), id);
    }

    @GetMapping(path = "/api/v1/documents/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentProgress status(@PathVariable UUID id, Caller caller) {
        return documents.progress(caller.userId(), id);
    }

    /** The same progress as server-sent events, until the document is stored or failed. */
    @GetMapping(path = "/api/v1/documents/{id}/status", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter statusEvents(@PathVariable UUID id, Caller caller) {
        return statusStream.open(caller.userId(), documents.progress(caller.userId(), id));
    }

    @PostMapping("/api/v1/documents/{id}/reindex")
    ResponseEntity<DocumentView> reindex(@PathVariable UUID id, Caller caller) {
        return ResponseEntity.accepted().body(documents.reindex(caller.userId(), id));
    }

    @DeleteMapping("/api/v1/documents/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        documents.delete(caller.userId(), id);
        return ResponseEntity.noContent().build();
    }
}
