package io.llmplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.testkit.deploy.DeployTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile (BuildKit's parser) and docker-compose.yml (compose-go, what {@code docker compose} loads with),
 * through deploy/checks. The images themselves are not built here: there is no Docker engine.
 */
class ContainerFilesTest {

    private final DeployTools tools = DeployTools.forThisBuild();

    @Test
    void theDockerfileBuildsNonRootImagesWithLayersAotCacheHealthCheckAndPinnedBases() {
        tools.deployChecks("dockerfile", "docker/Dockerfile").orFail("deploy-checks dockerfile");
    }

    @Test
    void aRootImageWithAnUnpinnedBaseIsRefused() throws IOException {
        Path dockerfile = Files.createTempDirectory("docker").resolve("Dockerfile");
        Files.writeString(dockerfile, """
                FROM eclipse-temurin AS build
                RUN true
                FROM eclipse-temurin:latest
                ENTRYPOINT ["java", "-jar", "app.jar"]
                """);
        DeployTools.Result result = tools.deployChecks("dockerfile", dockerfile.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("\"eclipse-temurin\" is not pinned", "\"eclipse-temurin:latest\" is not pinned",
                "runs as root", "no HEALTHCHECK", "AOT cache");
    }

    @Test
    void composeLoadsFromTheEnvExampleWithHealthChecksOrderLimitsAndNoSecrets() {
        tools.deployChecks("compose", "docker-compose.yml", ".env.example").orFail("deploy-checks compose");
    }

    @Test
    void aSecretWrittenIntoTheComposeFileIsRefused() throws IOException {
        Path directory = Files.createTempDirectory("compose");
        Files.writeString(directory.resolve(".env"), "");
        Files.writeString(directory.resolve("docker-compose.yml"), """
                services:
                  vllm:
                    image: vllm/vllm-openai:v0.11.0
                    profiles: [gpu]
                    command: [m, --served-model-name, m]
                    healthcheck: {test: [CMD, "true"]}
                    deploy:
                      resources:
                        limits: {memory: 1g}
                        reservations:
                          devices: [{driver: nvidia, count: all, capabilities: [gpu]}]
                  auth-service:
                    image: auth:1
                    environment:
                      ADMIN_PASSWORD: hunter2hunter2
                    depends_on:
                      vllm: {condition: service_started}
                """);
        DeployTools.Result result = tools.deployChecks("compose", directory.resolve("docker-compose.yml").toString(),
                directory.resolve(".env").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("writes the secret ADMIN_PASSWORD", "has no healthcheck",
                "has no memory limit", "service_started, not service_healthy");
    }
}
