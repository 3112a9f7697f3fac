package io.llmplatform.contracts.models;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/models/profiles}: the catalog in use, where it was read from and when. */
public record ProfileCatalog(String source, Instant loadedAt, List<ModelProfile> profiles) {
}
