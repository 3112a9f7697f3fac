package io.llmplatform.contracts.documents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How {@code POST /api/v1/documents/search} ranks chunks; written in lower case. */
public enum SearchMode {
    /** Cosine similarity of the query's embedding in the vector store. */
    VECTOR,
    /** PostgreSQL full-text rank over the same chunks. */
    KEYWORD,
    /** Reciprocal-rank fusion of the two. */
    HYBRID;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SearchMode of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
