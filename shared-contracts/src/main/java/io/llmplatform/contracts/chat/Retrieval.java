package io.llmplatform.contracts.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How retrieval went for an answer that asked for it: {@code used} (passages went to the model), {@code empty}
 * (nothing matched), or {@code unavailable} (document-service could not be asked; the answer was given without
 * the user's documents, and {@code detail} says why).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Retrieval(Status status, String detail) {

    public enum Status {
        USED, EMPTY, UNAVAILABLE;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static Retrieval used() {
        return new Retrieval(Status.USED, null);
    }

    public static Retrieval empty() {
        return new Retrieval(Status.EMPTY, null);
    }

    public static Retrieval unavailable(String detail) {
        return new Retrieval(Status.UNAVAILABLE, detail);
    }
}
