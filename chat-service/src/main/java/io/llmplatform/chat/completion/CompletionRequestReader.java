package io.llmplatform.chat.completion;

import io.llmplatform.chat.config.ChatProperties;
import io.llmplatform.contracts.chat.RagOptions;
import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.openai.ChatCompletionRequest;
import io.llmplatform.contracts.openai.ChatMessage;
import io.llmplatform.support.PlatformException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads and checks a chat completion request, answering 400 with the offending field named. */
@Component
class CompletionRequestReader {

    private final JsonMapper json;
    private final Validator validator;
    private final int maxMessageBytes;

    CompletionRequestReader(JsonMapper json, Validator validator, ChatProperties properties) {
        this.json = json;
        this.validator = validator;
        this.maxMessageBytes = properties.maxMessageBytes();
    }

    CompletionRequest read(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        ChatCompletionRequest typed = json.treeToValue(object, ChatCompletionRequest.class);
        Set<ConstraintViolation<ChatCompletionRequest>> violations = validator.validate(typed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (typed.n() != null && typed.n() > 1) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED,
                    "n > 1 is not supported: send one request per completion", "n");
        }
        checkSizes(typed.messages());
        JsonNode options = object.path("stream_options");
        return new CompletionRequest(object, typed, options.path("include_usage").asBoolean(false),
                options.path("continuous_usage_stats").asBoolean(false), rag(object.get(CompletionRequest.RAG)));
    }

    /** The {@code rag} extension, read strictly (a misspelt option is an error, not silently no filter). */
    private RagOptions rag(JsonNode rag) {
        if (rag == null || rag.isNull()) {
            return null;
        }
        if (!rag.isObject()) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "rag must be an object", CompletionRequest.RAG);
        }
        ObjectNode wrapped = json.createObjectNode();
        wrapped.set(CompletionRequest.RAG, rag);
        RagExtension extension = json.readerFor(RagExtension.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(wrapped);
        Set<ConstraintViolation<RagExtension>> violations = validator.validate(extension);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return extension.rag();
    }

    /** So that a violation names its field as the client wrote it, {@code rag.topK}. */
    record RagExtension(@Valid RagOptions rag) {
    }

    private void checkSizes(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            int bytes = messages.get(i).text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxMessageBytes) {
                throw new PlatformException(ErrorCode.VALIDATION_FAILED, "A message may hold at most "
                        + maxMessageBytes + " bytes of content; this one holds " + bytes, "messages[" + i
                        + "].content");
            }
        }
    }
}
