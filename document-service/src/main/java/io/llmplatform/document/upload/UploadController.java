package io.llmplatform.document.upload;

import io.llmplatform.contracts.documents.DocumentView;
import io.llmplatform.support.security.Caller;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class UploadController {

    private final DocumentUploads uploads;

    UploadController(DocumentUploads uploads) {
        this.uploads = uploads;
    }

    /**
     * 202: the document is queued for ingestion; follow it at {@code /status}. {@code collection} defaults to
     * {@code default} and is created when new; {@code metadata} is a JSON object kept with the document.
     */
    @PostMapping(path = "/api/v1/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentView> upload(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String collection, @RequestParam(required = false) String metadata,
            Caller caller) {
        DocumentView document = uploads.accept(caller, file, collection, metadata);
        return ResponseEntity.accepted().location(URI.create("/api/v1/documents/" + document.id())).body(document);
    }
}
