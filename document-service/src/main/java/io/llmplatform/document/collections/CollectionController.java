package io.llmplatform.document.collections;

import io.llmplatform.contracts.documents.CollectionRequest;
import io.llmplatform.contracts.documents.CollectionView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's collections, by name; another user's collection id is 404. */
@RestController
class CollectionController {

    private final CollectionService collections;

    CollectionController(CollectionService collections) {
        this.collections = collections;
    }

    @GetMapping("/api/v1/collections")
    List<CollectionView> list(Caller caller) {
        return collections.list(caller.userId());
    }

    @PostMapping("/api/v1/collections")
    ResponseEntity<CollectionView> create(@Valid @RequestBody CollectionRequest request, Caller caller) {
        CollectionView created = collections.create(caller.userId(), request.name());
        return ResponseEntity.created(URI.create("/api/v1/collections/" + created.id())).body(created);
    }

    /** Deletes the collection and every document in it, with their chunks, vectors and files. */
    @DeleteMapping("/api/v1/collections/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        collections.delete(caller.userId(), id);
        return ResponseEntity.noContent().build();
    }
}
