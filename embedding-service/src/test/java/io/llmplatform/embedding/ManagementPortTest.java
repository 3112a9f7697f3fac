package io.llmplatform.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.contracts.events.Topics;
import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import io.llmplatform.testkit.TestEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A servlet service with {@code MANAGEMENT_SERVER_PORT}, as compose and Kubernetes run every service: health and
 * metrics answer on that port without a token (the kubelet's probes and Prometheus have none), and the service's own
 * port, the one the gateway and the Services' http port reach, serves no {@code /actuator} at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealEngines({Engine.POSTGRES, Engine.KAFKA, Engine.TOKEN_ISSUER})
class ManagementPortTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        TestEngines.kafka().createTopics(Topics.QUOTA, Topics.USAGE);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void probesAndMetricsAnswerOnTheManagementPortWithoutAToken() throws Exception {
        assertThat(get(managementPort, "/actuator/health/liveness").body()).contains("\"UP\"");
        // Ready once the quota and model feeds have caught up with their topics, which other tests have filled.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200));
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theServicePortServesNoActuator() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(port, "/actuator/health/liveness").statusCode()).isIn(401, 404);
        assertThat(get(port, "/actuator/prometheus").statusCode()).isIn(401, 404);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
