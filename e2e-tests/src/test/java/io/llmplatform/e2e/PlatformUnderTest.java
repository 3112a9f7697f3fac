package io.llmplatform.e2e;

import io.llmplatform.launcher.LaunchFailure;
import io.llmplatform.launcher.LaunchSettings;
import io.llmplatform.launcher.LocalPlatform;
import io.llmplatform.launcher.PlatformSecrets;
import io.llmplatform.launcher.service.PlatformService;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.engine.LatencyProfile;
import io.llmplatform.testkit.TestEngines;
import io.llmplatform.testkit.engine.PostgresEngine;
import io.llmplatform.testkit.tracing.OtlpTraceReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The platform as its users meet it: the services' own jars, each its own process on a free port with its own
 * database, on the test kit's real PostgreSQL, Kafka and Redis, an in-process vLLM simulator, and the Chroma the
 * launcher starts for document-service (its {@code chroma} CLI; without it, document-service's in-memory store). Tests reach it only
 * through {@link #gateway()}. Started once for the whole suite by {@link PlatformExtension}.
 */
public final class PlatformUnderTest implements AutoCloseable {

    /** The model's name at the platform; the simulator serves it as {@link #UPSTREAM_MODEL}. */
    public static final String MODEL = "default";
    static final String UPSTREAM_MODEL = "e2e-model";
    /** The browser app allowed to call the platform. */
    static final String ALLOWED_ORIGIN = "https://chat.example.com";
    /** Chat requests a user may send per minute: low, so the suite can exhaust it. */
    static final int CHAT_REQUESTS_PER_MINUTE = 40;

    private final VllmSimulator simulator;
    private final OtlpTraceReceiver traces;
    private final LocalPlatform platform;

    private PlatformUnderTest(VllmSimulator simulator, OtlpTraceReceiver traces, LocalPlatform platform) {
        this.simulator = simulator;
        this.traces = traces;
        this.platform = platform;
    }

    static PlatformUnderTest start() throws LaunchFailure {
        PostgresEngine postgres = TestEngines.postgres();
        VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(0)
                .servedModels(UPSTREAM_MODEL).latency(LatencyProfile.ofMillis(20, 0, 2, 0)).build());
        // Every service exports every span over real OTLP/HTTP, as to a collector.
        OtlpTraceReceiver traces = OtlpTraceReceiver.start();
        Path repository = Path.of(System.getProperty("platform.repository", "..")).toAbsolutePath().normalize();
        LaunchSettings settings = LaunchSettings.builder(repository, repository.resolve("e2e-tests/target/platform"))
                .services(List.of(PlatformService.AUTH.module(), PlatformService.CHAT.module(),
                        PlatformService.EMBEDDING.module(), PlatformService.DOCUMENT.module(),
                        PlatformService.MODEL_MANAGER.module(), PlatformService.GATEWAY.module()))
                .postgres(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password())
                .kafka(TestEngines.kafka().bootstrapServers())
                .redis(TestEngines.redis().url())
                .modelServer(simulator.baseUrl(), UPSTREAM_MODEL)
                .freePorts(true)
                .aotCache(false)
                .environment("CORS_ALLOWED_ORIGINS", ALLOWED_ORIGIN)
                .environment("RATE_LIMIT_CHAT_PER_MINUTE", Integer.toString(CHAT_REQUESTS_PER_MINUTE))
                // The whole suite logs in from one address.
                .environment("RATE_LIMIT_LOGIN_PER_MINUTE", "1000")
                .environment("RATE_LIMIT_DEFAULT_PER_MINUTE", "1000")
                // model-manager's simulator driver: a switch loads for this long.
                .environment("MODEL_SIMULATOR_LOAD_TIME", "500ms")
                .environment("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
                .environment("TRACING_SAMPLING_PROBABILITY", "1.0")
                .build();
        try {
            return new PlatformUnderTest(simulator, traces, LocalPlatform.start(settings,
                    message -> System.out.println("[platform] " + message)));
        } catch (LaunchFailure | RuntimeException e) {
            simulator.close();
            traces.close();
            throw e;
        }
    }

    public URI gateway() {
        return platform.url(PlatformService.GATEWAY);
    }

    /** The services behind the gateway, by module name: each publishes its OpenAPI document there. */
    List<String> services() {
        return platform.services().stream().map(service -> service.service())
                .filter(service -> service != PlatformService.GATEWAY).map(PlatformService::module).toList();
    }

    PlatformSecrets secrets() {
        return platform.secrets();
    }

    VllmSimulator simulator() {
        return simulator;
    }

    /** The spans every service exported. */
    OtlpTraceReceiver traces() {
        return traces;
    }

    /** A service's own address, for what only operators reach (its /actuator/prometheus), never for user calls. */
    URI service(PlatformService service) {
        return platform.url(service);
    }

    @Override
    public void close() {
        platform.close();
        simulator.close();
        traces.close();
    }
}
