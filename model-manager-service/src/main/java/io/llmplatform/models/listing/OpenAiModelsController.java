package io.llmplatform.models.listing;

import io.llmplatform.contracts.openai.ModelList;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI's model endpoints, for SDKs' {@code models.list()} and {@code models.retrieve(id)}. */
@RestController
class OpenAiModelsController {

    private static final String PREFIX = "/v1/models/";

    private final ModelListing listing;

    OpenAiModelsController(ModelListing listing) {
        this.listing = listing;
    }

    @GetMapping("/v1/models")
    ModelList models() {
        return listing.all();
    }

    /** Model ids may contain slashes ({@code Qwen/Qwen2-7B-Instruct}), so the id is the rest of the path. */
    @GetMapping("/v1/models/**")
    ModelList.Model model(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return listing.one(URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8));
    }
}
