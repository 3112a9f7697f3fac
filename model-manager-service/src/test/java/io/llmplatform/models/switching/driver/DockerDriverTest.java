package io.llmplatform.models.switching.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.llmplatform.contracts.events.ModelTask;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.models.config.ModelManagerProperties;
import io.llmplatform.testkit.http.StubHttpService;
import io.llmplatform.testkit.http.StubHttpService.Received;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The docker driver through docker-java's real HTTP transport, against a stub that answers as the Docker Engine API
 * does. No Docker engine runs here: this proves which Engine API calls the driver makes and what it asks for (image,
 * {@code vllm serve} arguments, the NVIDIA device request, ports, volumes), not that an engine runs vLLM with them.
 */
class DockerDriverTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModelProfile LLAMA = new ModelProfile("llama-3-8b-instruct", "Llama 3 8B",
            "meta-llama/Meta-Llama-3-8B-Instruct", null, ModelTask.CHAT, 8.03, "bfloat16", null,
            new ModelProfile.Architecture(32, 32, 8, 128, 8192),
            new ModelProfile.VllmArguments(2, 0.9, null, null, List.of()));

    private final StubHttpService engine = new StubHttpService();
    private final DockerClient docker = DockerClientImpl.getInstance(DefaultDockerClientConfig
            .createDefaultConfigBuilder().withDockerHost("tcp://127.0.0.1:" + URI.create(engine.url()).getPort())
            .withDockerTlsVerify(false).build(),
            new ApacheDockerHttpClient.Builder().dockerHost(URI.create(engine.url().replace("http", "tcp")))
                    .responseTimeout(Duration.ofSeconds(10)).build());
    private final DockerDriver driver = new DockerDriver(docker, JSON, Duration.ofSeconds(10));
    private final ModelManagerProperties.Pool pool = new ModelManagerProperties.Pool("gpu-a",
            URI.create("http://127.0.0.1:8000"), ModelTask.CHAT, null, null, null,
            new ModelManagerProperties.Hardware(null, null, null),
            new ModelManagerProperties.Kubernetes(null, "vllm", "vllm"),
            new ModelManagerProperties.Docker(engine.url(), "vllm-gpu-a", "vllm/vllm-openai:v0.11.0", 8001,
                    List.of("/srv/hf-cache:/root/.cache/huggingface"), Map.of("HF_TOKEN", "from-env")), Map.of());

    @AfterEach
    void stopEngine() throws Exception {
        docker.close();
        engine.close();
    }

    @Test
    void aSwitchRecreatesTheContainerWithTheProfilesArgumentsAndGpus() throws Exception {
        engine.answer(204, "text/plain", "").answer(204, "text/plain", "")
                .answer(201, "application/json", "{\"Id\":\"c0ffee\",\"Warnings\":[]}")
                .answer(204, "text/plain", "");

        driver.start(pool, LLAMA);

        List<Received> calls = engine.received();
        assertThat(calls).extracting(call -> call.method() + " " + call.path().replaceFirst("^/v[0-9.]+", ""))
                .containsExactly("POST /containers/vllm-gpu-a/stop", "DELETE /containers/vllm-gpu-a",
                        "POST /containers/create", "POST /containers/vllm-gpu-a/start");
        assertThat(calls.get(2).query()).isEqualTo("name=vllm-gpu-a");
        JsonNode created = JSON.readTree(calls.get(2).body());
        assertThat(created.get("Image").asString()).isEqualTo("vllm/vllm-openai:v0.11.0");
        assertThat(created.get("Cmd").valueStream().map(JsonNode::asString).toList()).containsExactly(
                "meta-llama/Meta-Llama-3-8B-Instruct", "--served-model-name", "meta-llama/Meta-Llama-3-8B-Instruct",
                "--tensor-parallel-size", "2", "--gpu-memory-utilization", "0.90", "--port", "8000", "--dtype",
                "bfloat16");
        JsonNode device = created.at("/HostConfig/DeviceRequests/0");
        assertThat(device.get("Driver").asString()).isEqualTo("nvidia");
        assertThat(device.get("Count").asInt()).isEqualTo(2);
        assertThat(device.at("/Capabilities/0/0").asString()).isEqualTo("gpu");
        assertThat(created.at("/HostConfig/PortBindings/8000~1tcp/0/HostPort").asString()).isEqualTo("8001");
        assertThat(created.at("/HostConfig/Binds/0").asString()).isEqualTo("/srv/hf-cache:/root/.cache/huggingface:rw");
        assertThat(created.get("Env").valueStream().map(JsonNode::asString)).containsExactly("HF_TOKEN=from-env");
    }

    @Test
    void anImageTheEngineLacksIsPulledAndACaptureReadsWhatTheContainerRan() throws Exception {
        engine.answer(404, "application/json", "{\"message\":\"No such container: vllm-gpu-a\"}")
                .answer(404, "application/json", "{\"message\":\"No such container: vllm-gpu-a\"}")
                .answer(404, "application/json", "{\"message\":\"No such image: vllm/vllm-openai:v0.11.0\"}")
                .answer(200, "application/json", "{\"status\":\"Status: Downloaded newer image for "
                        + "vllm/vllm-openai:v0.11.0\"}")
                .answer(201, "application/json", "{\"Id\":\"c0ffee\",\"Warnings\":[]}")
                .answer(204, "text/plain", "")
                .answer(200, "application/json", "{\"Id\":\"c0ffee\",\"Config\":{\"Image\":\"vllm/vllm-openai:v0.11.0\","
                        + "\"Cmd\":[\"meta-llama/Meta-Llama-3-8B-Instruct\",\"--tensor-parallel-size\",\"2\"]},"
                        + "\"HostConfig\":{\"DeviceRequests\":[{\"Driver\":\"nvidia\",\"Count\":2}]}}");

        driver.start(pool, LLAMA);
        String snapshot = driver.capture(pool, null);

        assertThat(engine.received()).extracting(call -> call.method() + " " + call.path()
                .replaceFirst("^/v[0-9.]+", "")).containsSubsequence("POST /containers/create", "POST /images/create",
                "POST /containers/create", "POST /containers/vllm-gpu-a/start", "GET /containers/vllm-gpu-a/json");
        assertThat(JSON.readTree(snapshot).get("gpus").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(snapshot).get("image").asString()).isEqualTo("vllm/vllm-openai:v0.11.0");
    }
}
