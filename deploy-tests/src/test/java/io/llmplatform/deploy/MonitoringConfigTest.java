package io.llmplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.deploy.DeployTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Prometheus' configuration and alert rules as promtool reads them, and the Grafana dashboards' queries. */
class MonitoringConfigTest {

    private final DeployTools tools = DeployTools.forThisBuild();

    @Test
    void prometheusAcceptsItsConfigurationAndFindsTheRules() {
        String output = tools.promtool("check", "config", "monitoring/prometheus/prometheus.yml")
                .orFail("promtool check config");
        assertThat(output).contains("SUCCESS").contains("1 rule files found");
    }

    @Test
    void prometheusAcceptsEveryAlertTheIssueAsksFor() {
        String output = tools.promtool("check", "rules", "monitoring/prometheus/rules/platform.yml")
                .orFail("promtool check rules");
        assertThat(output).contains("SUCCESS");
        assertThat(tools.repository().resolve("monitoring/prometheus/rules/platform.yml")).content().contains(
                "alert: ServiceDown", "alert: HighErrorRate", "alert: HighP99Latency", "alert: SlowTimeToFirstToken",
                "alert: QuotaRejectionsHigh", "alert: UsageOutboxBacklog", "alert: KafkaConsumerLag",
                "alert: VllmKvCacheFull", "alert: VllmRequestsWaiting", "alert: IngestionBacklogGrowing",
                "alert: DocumentIngestionsFailing");
    }

    @Test
    void theIngestionAlertsFireOnAGrowingBacklogAndFailingIngestionsOnly() {
        String output = tools.promtool("test", "rules", "monitoring/prometheus/tests/documents.test.yml")
                .orFail("promtool test rules");
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void everyDashboardIsJsonWhosePrometheusQueriesParse() throws IOException {
        tools.deployChecks("dashboards", "monitoring/grafana/dashboards").orFail("deploy-checks dashboards");
        try (var files = Files.list(tools.repository().resolve("monitoring/grafana/dashboards"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactlyInAnyOrder(
                    "platform-overview.json", "service-red.json", "llm.json", "ingestion.json");
        }
    }

    @Test
    void aQueryThatDoesNotParseIsReported() throws IOException {
        Path dashboards = Files.createTempDirectory("dashboards");
        Files.writeString(dashboards.resolve("broken.json"), """
                {"uid": "x", "title": "x", "panels": [{"title": "p", "targets": [
                  {"datasource": {"type": "prometheus"}, "expr": "sum by (le (rate(x[5m]))"}]}]}
                """);
        DeployTools.Result result = tools.deployChecks("dashboards", dashboards.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("broken.json, panel \"p\"");
    }

    @Test
    void theCollectorReceivesOtlpAndSendsTracesToJaeger() {
        assertThat(tools.repository().resolve("monitoring/otel-collector/config.yaml")).content()
                .contains("otlp:", "0.0.0.0:4318", "exporters: [otlp/jaeger]");
    }
}
