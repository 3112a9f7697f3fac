package io.llmplatform.document.ingestion;

import java.util.UUID;

/** A job a worker holds: its lease token fences every write, so a worker that lost its lease writes nothing. */
record ClaimedJob(UUID documentId, UUID leaseToken, int attempts) {
}
