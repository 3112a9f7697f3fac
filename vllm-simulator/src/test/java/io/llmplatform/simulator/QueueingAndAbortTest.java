package io.llmplatform.simulator;

import static io.llmplatform.simulator.SimulatorHttp.chat;
import static io.llmplatform.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.simulator.engine.LatencyProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The batch limit, the waiting queue, and requests whose client goes away. */
class QueueingAndAbortTest {

    private static final String MODEL_LABEL = "model_name=\"vllm-simulator\"";
    private static final String SLOW_STREAM = chat("hi", "\"stream\":true,\"max_tokens\":200,\"ignore_eos\":true");

    @Test
    void requestsBeyondMaxNumSeqsWaitVisiblyAndAFullQueueIsRefusedWith503() {
        try (VllmSimulator simulator = slowSimulator(2, 2)) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(client.sendAsync(streamRequest(simulator), HttpResponse.BodyHandlers.discarding()));
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(http.metric("vllm:num_requests_running", MODEL_LABEL)).isEqualTo(2);
                assertThat(http.metric("vllm:num_requests_waiting", MODEL_LABEL)).isEqualTo(2);
            });
            HttpResponse<String> refused = http.post("/v1/chat/completions", SLOW_STREAM);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused).at("/error/type").asString()).isEqualTo("ServiceUnavailableError");
            assertThat(simulator.runningRequests()).isEqualTo(2);
            assertThat(simulator.waitingRequests()).isEqualTo(2);
            inFlight.forEach(request -> request.cancel(true));
            client.shutdownNow();
        }
    }

    @Test
    void aWaitingRequestRunsAsSoonAsASlotFrees() {
        try (VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0).maxNumSeqs(1)
                .latency(LatencyProfile.ofMillis(50, 0, 0, 0)).build())) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                    http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":3")));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() ->
                    http.post("/v1/chat/completions", chat("hi", "\"max_tokens\":3")));

            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(second.join().statusCode()).isEqualTo(200);
            assertThat(http.metric("vllm:request_success_total", "finished_reason=\"length\"")).isEqualTo(2);
        }
    }

    @Test
    void clientThatClosesAStreamAbortsItAtOnceAndItIsCountedAsAbort() throws Exception {
        try (VllmSimulator simulator = slowSimulator(4, 4)) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            try (Socket socket = sendRaw(simulator, SLOW_STREAM)) {
                readUntil(socket.getInputStream(), "\"content\"");
                assertThat(simulator.runningRequests()).isEqualTo(1);
            }

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(http.metric("vllm:num_requests_running", MODEL_LABEL)).isZero();
                assertThat(http.metric("vllm:request_success_total", "finished_reason=\"abort\"")).isEqualTo(1);
            });
            double generated = http.metric("vllm:generation_tokens_total", MODEL_LABEL);
            Thread.sleep(100);
            assertThat(http.metric("vllm:generation_tokens_total", MODEL_LABEL))
                    .as("generation stopped").isEqualTo(generated).isLessThan(200);
        }
    }

    @Test
    void clientThatClosesWhileWaitingForANonStreamingAnswerAbortsIt() throws Exception {
        try (VllmSimulator simulator = slowSimulator(4, 4)) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            try (Socket socket = sendRaw(simulator, chat("hi", "\"max_tokens\":200,\"ignore_eos\":true"))) {
                await().atMost(Duration.ofSeconds(2)).until(() -> simulator.runningRequests() == 1);
            }

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(simulator.runningRequests()).isZero();
                assertThat(http.metric("vllm:request_success_total", "finished_reason=\"abort\"")).isEqualTo(1);
            });
        }
    }

    private static VllmSimulator slowSimulator(int maxNumSeqs, int maxWaiting) {
        return VllmSimulator.start(SimulatorConfig.builder().port(0).maxNumSeqs(maxNumSeqs)
                .maxWaitingRequests(maxWaiting).latency(LatencyProfile.ofMillis(10, 0, 20, 0)).build());
    }

    private static HttpRequest streamRequest(VllmSimulator simulator) {
        return HttpRequest.newBuilder(URI.create(simulator.openAiBaseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SLOW_STREAM)).build();
    }

    private static Socket sendRaw(VllmSimulator simulator, String json) throws Exception {
        Socket socket = new Socket("127.0.0.1", simulator.port());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static void readUntil(InputStream in, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (!seen.toString().contains(marker)) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new AssertionError("stream ended before " + marker + ": " + seen);
            }
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
    }
}
