package io.llmplatform.chat.model;

import java.net.URI;

/** A model as clients name it, and the OpenAI-compatible server that serves it. */
public record ModelEndpoint(String name, URI baseUrl, String upstreamModel, int contextTokens, String apiKey) {
}
