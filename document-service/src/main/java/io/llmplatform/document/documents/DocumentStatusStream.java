package io.llmplatform.document.documents;

import io.llmplatform.contracts.documents.DocumentProgress;
import io.llmplatform.contracts.documents.DocumentStatus;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A document's progress as server-sent events: one event whenever its status or embedded count changes, named by
 * the status ({@code queued}, {@code parsing}, {@code chunking}, {@code embedding}, {@code stored}, {@code failed})
 * with the {@link DocumentProgress} as data, ending after {@code stored} or {@code failed}. Each stream polls the
 * database on its own virtual thread; a client that leaves ends it at the next write.
 */
@Component
@EnableConfigurationProperties(StatusStreamProperties.class)
class DocumentStatusStream {

    private final DocumentRepository documents;
    private final StatusStreamProperties properties;

    DocumentStatusStream(DocumentRepository documents, StatusStreamProperties properties) {
        this.documents = documents;
        this.properties = properties;
    }

    /** The caller must own the document: {@code first} was read for them before the stream opens. */
    SseEmitter open(UUID ownerId, DocumentProgress first) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Thread follower = Thread.ofVirtual().name("document-status-" + first.id())
                .start(() -> follow(emitter, ownerId, first));
        emitter.onCompletion(follower::interrupt);
        emitter.onTimeout(follower::interrupt);
        emitter.onError(failure -> follower.interrupt());
        return emitter;
    }

    private void follow(SseEmitter emitter, UUID ownerId, DocumentProgress first) {
        try {
            DocumentProgress sent = send(emitter, first);
            while (!sent.status().isFinal()) {
                Thread.sleep(properties.pollInterval());
                Optional<DocumentProgress> now = documents.progress(ownerId, first.id());
                if (now.isEmpty()) {
                    break;
                }
                if (changed(sent, now.get())) {
                    sent = send(emitter, now.get());
                }
            }
            emitter.complete();
        } catch (InterruptedException e) {
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    private static DocumentProgress send(SseEmitter emitter, DocumentProgress progress) throws IOException {
        emitter.send(SseEmitter.event().name(progress.status().name().toLowerCase(Locale.ROOT))
                .data(progress, MediaType.APPLICATION_JSON));
        return progress;
    }

    private static boolean changed(DocumentProgress before, DocumentProgress after) {
        return before.status() != after.status() || before.embeddedChunks() != after.embeddedChunks()
                || !Objects.equals(before.chunks(), after.chunks())
                || (after.status() == DocumentStatus.QUEUED && before.attempts() != after.attempts());
    }
}
