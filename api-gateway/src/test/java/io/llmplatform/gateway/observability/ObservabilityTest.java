package io.llmplatform.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmplatform.gateway.support.FakeService;
import io.llmplatform.gateway.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Request ids and W3C trace context from the edge on, one access-log line per request, metrics per route. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends GatewayTestSupport {

    @Test
    void theCallersRequestIdAndTraceReachTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        HttpResponse<String> response = get("/v1/models", "Authorization", bearer(userToken()),
                "X-Request-Id", "client-request-7", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        FakeService.RecordedRequest forwarded = MODEL_MANAGER.lastRequest();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-request-7");
        assertThat(forwarded.header("X-Request-Id")).isEqualTo("client-request-7");
        assertThat(forwarded.header("traceparent")).as("the caller's trace, continued by the gateway's own span")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void aRequestWithoutIdsGetsThemAtTheEdge() {
        HttpResponse<String> response = get("/api/v1/collections", "Authorization", bearer(userToken()));

        FakeService.RecordedRequest forwarded = DOCUMENT.lastRequest();
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(forwarded.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(forwarded.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void eachRequestIsOneJsonLineWithItsRouteStatusCallerAndIds(CapturedOutput output) {
        UUID user = UUID.randomUUID();
        String requestId = "access-log-" + UUID.randomUUID();

        get("/v1/models", "Authorization", bearer(tokenFor(user)), "X-Request-Id", requestId);

        JsonNode line = theAccessLine(output, requestId);
        String forwardedTraceId = MODEL_MANAGER.lastRequest().header("traceparent").split("-")[1];
        assertThat(line.get("method").asString()).isEqualTo("GET");
        assertThat(line.get("path").asString()).isEqualTo("/v1/models");
        assertThat(line.get("route").asString()).isEqualTo("models");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("durationMs").isNumber()).isTrue();
        assertThat(line.get("userId").asString()).isEqualTo(user.toString());
        assertThat(line.get("requestId").asString()).isEqualTo(requestId);
        assertThat(line.get("traceId").asString()).isEqualTo(forwardedTraceId);
    }

    @Test
    void aRefusedRequestIsLoggedWithTheStatusTheClientGot(CapturedOutput output) {
        String requestId = "access-log-" + UUID.randomUUID();

        get("/api/v1/conversations", "X-Request-Id", requestId);

        assertThat(theAccessLine(output, requestId).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void healthChecksAndMetricScrapesAreNotLogged(CapturedOutput output) {
        String requestId = "access-log-" + UUID.randomUUID();

        String routedRequestId = "access-log-" + UUID.randomUUID();

        get("/actuator/health/liveness", "X-Request-Id", requestId);
        get("/actuator/prometheus", "X-Request-Id", requestId);
        get("/api/v1/collections", "Authorization", bearer(userToken()), "X-Request-Id", routedRequestId);

        // Lines are written as requests end: once the later request's line is there, the earlier ones would be.
        theAccessLine(output, routedRequestId);
        assertThat(accessLines(output, requestId)).isEmpty();
    }

    @Test
    void routeLatencyStatusBreakerStateAndRateLimitDecisionsArePublished() {
        get("/v1/models", "Authorization", bearer(userToken()));

        String scrape = get("/actuator/prometheus").body();

        assertThat(scrape).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"models\"");
        assertThat(scrape).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*httpStatusCode=\"200\""
                + "[^}]*routeId=\"models\"");
        assertThat(scrape).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"model-manager-service\"[^}]*state=\"closed\"} 1");
        assertThat(scrape).containsPattern(
                "platform_gateway_rate_limit_decisions_total\\{[^}]*outcome=\"allowed\"[^}]*route_class=\"default\"");
        assertThat(scrape).containsPattern(
                "platform_gateway_rate_limit_decisions_total\\{[^}]*outcome=\"rejected\"[^}]*route_class=\"login\"");
    }

    @Test
    void healthReportsTheRateLimitStoreWithoutAToken() {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        assertThat(json(get("/actuator/health")).at("/components/rateLimiterStore/status").asString())
                .isEqualTo("UP");
    }

    /** The one access-log line of a request, which is written just after its response. */
    private static JsonNode theAccessLine(CapturedOutput output, String requestId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !accessLines(output, requestId).isEmpty());
        List<JsonNode> lines = accessLines(output, requestId);
        assertThat(lines).hasSize(1);
        return lines.getFirst();
    }

    private static List<JsonNode> accessLines(CapturedOutput output, String requestId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(requestId))
                .map(JSON::readTree)
                .filter(line -> "io.llmplatform.gateway.access".equals(line.at("/log/logger").asString()))
                .toList();
    }
}
