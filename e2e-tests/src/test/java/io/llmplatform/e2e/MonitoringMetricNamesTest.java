package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.e2e.GatewayClient.User;
import io.llmplatform.launcher.service.PlatformService;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.testkit.deploy.DeployTools;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the alert rules and Grafana dashboards query exists: the names, read from monitoring/ with
 * Prometheus' own PromQL parser (deploy/checks), must appear in what the running services serve on
 * {@code /actuator/prometheus} after real traffic, or in the simulator's vLLM and DCGM metrics. A renamed meter
 * would otherwise leave an alert silently watching nothing.
 */
@ExtendWith(PlatformExtension.class)
class MonitoringMetricNamesTest {

    /** Series Prometheus makes itself rather than scraping them. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{| )", Pattern.MULTILINE);

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;

    MonitoringMetricNamesTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
    }

    @Test
    void everyMetricTheRulesAndDashboardsQueryIsServedByTheServicesOrTheModelServer() {
        trafficThatRecordsEveryMeter();
        Set<String> served = new HashSet<>();
        for (PlatformService service : List.of(PlatformService.GATEWAY, PlatformService.AUTH, PlatformService.CHAT,
                PlatformService.EMBEDDING, PlatformService.DOCUMENT, PlatformService.MODEL_MANAGER)) {
            GatewayClient.Reply scrape = new GatewayClient(platform.service(service)).get("/actuator/prometheus", null);
            assertThat(scrape.status()).as(service.module() + "'s /actuator/prometheus").isEqualTo(200);
            served.addAll(sampleNames(scrape.body()));
        }
        served.addAll(sampleNames(platform.simulator().metricsText()));
        // The e2e simulator declares no GPU; one that does exposes the DCGM exporter's metrics as vLLM pools do.
        try (VllmSimulator withGpu = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .gpus("NVIDIA A100-SXM4-80GB:1").build())) {
            served.addAll(sampleNames(withGpu.metricsText()));
        }

        List<String> queried = DeployTools.forThisBuild()
                .deployChecks("metric-names", "monitoring/prometheus/rules", "monitoring/grafana/dashboards")
                .orFail("deploy-checks metric-names").lines().filter(line -> !line.isBlank()).toList();

        assertThat(queried).hasSizeGreaterThan(20);
        assertThat(queried).filteredOn(name -> !PROMETHEUS_OWN.contains(name))
                .as("metrics queried by monitoring/ but served by no service").isSubsetOf(served);
    }

    /** A streamed chat (TTFT, time per output token), embeddings, and a refusal, so every meter has a sample. */
    private void trafficThatRecordsEveryMeter() {
        User user = gateway.newUser();
        gateway.send(gateway.request("/v1/chat/completions", user.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayClient.JSON.writeValueAsString(Map.of(
                        "model", PlatformUnderTest.MODEL, "stream", true, "max_tokens", 8,
                        "messages", List.of(Map.of("role", "user", "content", "count to eight")))))));
        gateway.post("/v1/embeddings", user.accessToken(), Map.of("model", "all-minilm-l6-v2", "input", "metrics"));
        gateway.get("/api/v1/no-such-route", user.accessToken());
    }

    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new HashSet<>();
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            names.add(sample.group(1));
        }
        return names;
    }
}
