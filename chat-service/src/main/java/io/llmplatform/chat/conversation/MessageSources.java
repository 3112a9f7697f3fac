package io.llmplatform.chat.conversation;

import io.llmplatform.contracts.chat.Retrieval;
import io.llmplatform.contracts.chat.Source;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** An answer's sources and retrieval outcome as the JSON its history row keeps. */
@Component
class MessageSources {

    private static final TypeReference<List<Source>> SOURCES = new TypeReference<>() {
    };

    private final JsonMapper json;

    MessageSources(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty() ? null
                : json.writeValueAsString(value);
    }

    List<Source> sources(String stored) {
        return stored == null ? List.of() : json.readValue(stored, SOURCES);
    }

    Retrieval retrieval(String stored) {
        return stored == null ? null : json.readValue(stored, Retrieval.class);
    }
}
