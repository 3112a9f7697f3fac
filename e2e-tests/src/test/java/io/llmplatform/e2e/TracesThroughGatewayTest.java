package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.e2e.GatewayClient.User;
import io.llmplatform.simulator.recording.RecordedRequest;
import io.llmplatform.testkit.tracing.OtlpTraceReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One trace from the client through the gateway and every service to the model server, as ops see it in Jaeger: the
 * services export over real OTLP/HTTP to a receiver, and each hop's span must be the child of the previous one.
 */
@ExtendWith(PlatformExtension.class)
class TracesThroughGatewayTest {

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    TracesThroughGatewayTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void aChatCompletionIsOneTraceFromTheGatewayThroughChatServiceToTheModelServer() {
        User user = gateway.newUser();
        TraceChain trace = TraceChain.start(platform.traces());
        String marker = "trace me " + trace.traceId();

        Reply reply = post(trace, user, "/v1/chat/completions", Map.of("model", PlatformUnderTest.MODEL,
                "messages", List.of(Map.of("role", "user", "content", marker)), "max_tokens", 5));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode usage = reply.json().get("usage");
        ReceivedSpan edge = trace.entry("api-gateway");
        ReceivedSpan chat = trace.serverSpanOf("chat-service", edge);
        ReceivedSpan modelCall = trace.childOf(chat, "the model call", span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
                && span.name().equals("chat " + PlatformUnderTest.MODEL));
        assertThat(modelCall.service()).isEqualTo("chat-service");
        assertThat(modelCall.attributes()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.request.model", PlatformUnderTest.MODEL)
                .containsEntry("gen_ai.usage.input_tokens", usage.get("prompt_tokens").asString())
                .containsEntry("gen_ai.usage.output_tokens", usage.get("completion_tokens").asString())
                .containsEntry("http.response.status_code", "200");
        RecordedRequest atModelServer = platform.simulator().receivedRequests().stream()
                .filter(request -> request.body().contains(marker)).findFirst().orElseThrow();
        assertThat(atModelServer.header("traceparent")).as("the model server continues the model call's span")
                .startsWith("00-" + trace.traceId() + "-" + modelCall.spanId() + "-");
    }

    @Test
    void anEmbeddingRequestIsOneTraceFromTheGatewayToEmbeddingServiceAndItsModel() {
        User user = gateway.newUser();
        TraceChain trace = TraceChain.start(platform.traces());

        Reply reply = post(trace, user, "/v1/embeddings", Map.of("model", "all-minilm-l6-v2",
                "input", List.of("one trace, gateway to model")));

        assertThat(reply.status()).isEqualTo(200);
        ReceivedSpan edge = trace.entry("api-gateway");
        ReceivedSpan embedding = trace.serverSpanOf("embedding-service", edge);
        ReceivedSpan model = trace.childOf(embedding, "the embedding model's work",
                span -> span.name().equals("embeddings all-minilm-l6-v2"));
        assertThat(model.attributes()).containsEntry("gen_ai.operation.name", "embeddings")
                .containsEntry("gen_ai.request.model", "all-minilm-l6-v2")
                .containsEntry("gen_ai.usage.input_tokens", reply.json().get("usage").get("prompt_tokens").asString());
    }

    @Test
    void aCompletionFromTheUsersDocumentsIsOneTraceThroughChatDocumentAndEmbeddingServicesToTheModelServer() {
        User user = gateway.newUser();
        String bridge = "trace" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "q");
        gateway.uploadStoredDocument(user.accessToken(), "bridges.txt",
                ("The " + bridge + " bridge is painted red.\n").getBytes(StandardCharsets.UTF_8), null);
        TraceChain trace = TraceChain.start(platform.traces());
        String question = "What colour is the " + bridge + " bridge? " + trace.traceId();

        Reply reply = post(trace, user, "/v1/chat/completions", Map.of("model", PlatformUnderTest.MODEL,
                "messages", List.of(Map.of("role", "user", "content", question)), "max_tokens", 5,
                "rag", Map.of("topK", 3, "requireSources", true)));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        ReceivedSpan chat = trace.serverSpanOf("chat-service", trace.entry("api-gateway"));
        ReceivedSpan retrieval = trace.childOf(chat, "the retrieval", span -> span.name().equals("chat retrieval"));
        ReceivedSpan searchCall = trace.childOf(retrieval, "the search call",
                span -> span.kind() == SpanKind.SPAN_KIND_CLIENT);
        ReceivedSpan documents = trace.serverSpanOf("document-service", searchCall);
        ReceivedSpan embeddingCall = trace.childOf(documents, "the query's embedding call",
                span -> span.kind() == SpanKind.SPAN_KIND_CLIENT);
        ReceivedSpan embedding = trace.serverSpanOf("embedding-service", embeddingCall);
        trace.childOf(embedding, "the embedding model's work",
                span -> span.name().equals("embeddings all-minilm-l6-v2"));
        ReceivedSpan modelCall = trace.childOf(chat, "the model call", span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
                && span.name().equals("chat " + PlatformUnderTest.MODEL));
        RecordedRequest atModelServer = platform.simulator().receivedRequests().stream()
                .filter(request -> request.body().contains(trace.traceId())).reduce((a, b) -> b).orElseThrow();
        assertThat(atModelServer.body()).as("the passage found is in the prompt").contains("painted red");
        assertThat(atModelServer.header("traceparent")).as("the model server continues the model call's span")
                .startsWith("00-" + trace.traceId() + "-" + modelCall.spanId() + "-");
    }

    private Reply post(TraceChain trace, User user, String path, Object body) {
        HttpRequest.Builder request = gateway.request(path, user.accessToken())
                .header("Content-Type", "application/json").header("traceparent", trace.traceparent())
                .POST(HttpRequest.BodyPublishers.ofString(GatewayClient.JSON.writeValueAsString(body)));
        return gateway.send(request);
    }
}
