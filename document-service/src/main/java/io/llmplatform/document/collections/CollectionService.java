package io.llmplatform.document.collections;

import io.llmplatform.contracts.documents.CollectionView;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.document.documents.DocumentService;
import io.llmplatform.support.PlatformException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** A user's collections. Deleting one deletes each of its documents the way deleting a document does. */
@Service
class CollectionService {

    private final CollectionRepository collections;
    private final DocumentService documents;
    private final Clock clock;

    CollectionService(CollectionRepository collections, DocumentService documents, Clock clock) {
        this.collections = collections;
        this.documents = documents;
        this.clock = clock;
    }

    List<CollectionView> list(UUID ownerId) {
        return collections.list(ownerId);
    }

    CollectionView create(UUID ownerId, String name) {
        UUID id = UUID.randomUUID();
        if (!collections.create(id, ownerId, name, clock.instant())) {
            throw new PlatformException(ErrorCode.CONFLICT, "You already have a collection named '" + name + "'",
                    "name");
        }
        return collections.find(ownerId, id).orElseThrow();
    }

    void delete(UUID ownerId, UUID id) {
        collections.find(ownerId, id).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND,
                "No collection " + id));
        collections.documentIds(id).forEach(document -> documents.delete(ownerId, document));
        try {
            collections.delete(ownerId, id);
        } catch (DataIntegrityViolationException e) {
            throw new PlatformException(ErrorCode.CONFLICT,
                    "A document was added to the collection while it was deleted; delete it again", null, e);
        }
    }
}
