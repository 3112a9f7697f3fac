package io.llmplatform.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection keeps serving whatever happened to its previous requests. Under reactor-netty 1.3.6, a
 * request that ended on another thread, or a refusal that left its body unread, sometimes stalled the connection's
 * next request for good (see ConnectionEventLoop).
 */
class KeepAliveTest extends GatewayTestSupport {

    @Test
    void theGatewaysOwnRefusalOfABodyItDidNotReadClosesTheConnection() {
        HttpResponse<String> refused = postJson("/api/v1/conversations", "{\"title\":\"unread\"}");
        HttpResponse<String> relayed = postJson("/api/v1/conversations", "{\"title\":\"read\"}",
                "Authorization", bearer(userToken()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(relayed.headers().firstValue("Connection")).isEmpty();
    }

    @Test
    void anApiKeyAuthServiceRefusedClosesTheConnection() {
        String unknownKey = "sk-" + UUID.randomUUID().toString().replace("-", "");

        HttpResponse<String> refused = get("/v1/models", "Authorization", bearer(unknownKey));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
    }

    @Test
    void oneConnectionServesRequestAfterRequestWhateverHappenedBefore() {
        HttpClient oneConnectionAtATime = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String unknownKey = "sk-" + UUID.randomUUID().toString().replace("-", "");
            for (HttpRequest request : List.of(
                    get("/v1/models", unknownKey),
                    get("/v1/models", unknownKey),
                    post("/api/v1/auth/register", null),
                    post("/api/v1/conversations", null),
                    get("/v1/models", AUTH_SERVICE.issueKey(UUID.randomUUID())),
                    post("/v1/chat/completions", userToken()))) {
                statuses.add(send(oneConnectionAtATime, request));
            }
        }

        assertThat(statuses).hasSize(300);
        assertThat(statuses).as("every request answered, none left waiting").doesNotContain(-1);
    }

    private HttpRequest get(String path, String bearer) {
        return request(path, "Authorization", bearer(bearer)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private HttpRequest post(String path, String bearer) {
        HttpRequest.Builder request = request(path, "Content-Type", "application/json").timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            request.header("Authorization", bearer(bearer));
        }
        return request.POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")).build();
    }

    private static int send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.net.http.HttpTimeoutException stalled) {
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
