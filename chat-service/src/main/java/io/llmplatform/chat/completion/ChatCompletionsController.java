package io.llmplatform.chat.completion;

import io.llmplatform.support.RequestIds;
import io.llmplatform.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible chat endpoint. The answer, a JSON document or an event stream, is written straight to the
 * response as the model produces it; errors take OpenAI's shape.
 */
@RestController
class ChatCompletionsController {

    private final ChatCompletions completions;

    ChatCompletionsController(ChatCompletions completions) {
        this.completions = completions;
    }

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    void complete(@RequestBody JsonNode body, Caller caller, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        long received = (long) request.getAttribute(RequestIds.RECEIVED_NANOS_ATTRIBUTE);
        completions.complete(body, caller, (String) request.getAttribute(RequestIds.ATTRIBUTE), received, response);
    }
}
