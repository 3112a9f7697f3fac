package io.llmplatform.launcher;

import io.llmplatform.launcher.engine.DatabaseServer;
import io.llmplatform.launcher.engine.KraftBroker;
import io.llmplatform.launcher.engine.LocalPostgres;
import io.llmplatform.launcher.service.PlatformService;
import io.llmplatform.launcher.service.ServiceFailure;
import io.llmplatform.launcher.service.ServiceImage;
import io.llmplatform.launcher.service.ServiceProcess;
import io.llmplatform.simulator.SimulatorConfig;
import io.llmplatform.simulator.VllmSimulator;
import io.llmplatform.simulator.engine.LatencyProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: engines first (the embedded ones unless real ones were named), then every
 * service as its own process, until all are ready. Anything that fails on the way stops what was started and says
 * which part failed and why. {@link #close()} stops services first (they drain and flush), then the engines.
 */
public final class LocalPlatform implements AutoCloseable {

    static final String SIMULATED_MODEL = "simulated-llm";
    static final String SIMULATED_GPUS = "NVIDIA A100-SXM4-80GB:1";
    private static final int POSTGRES_PORT = 15432;
    private static final int KAFKA_PORT = 19092;
    private static final int KAFKA_CONTROLLER_PORT = 19093;
    private static final int SIMULATOR_PORT = 8000;
    private static final Duration READY_PATIENCE = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    /** Small heaps, the serial collector and the client compiler: start fast and fit in memory beside the others. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Xmx256m", "-XX:MaxMetaspaceSize=200m", "-XX:ReservedCodeCacheSize=48m");

    private final List<AutoCloseable> engines = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
    private final Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
    private PlatformSecrets secrets;

    /** Starts everything {@code settings} names and returns once every service is ready. */
    public static LocalPlatform start(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.startAll(settings, progress);
            return platform;
        } catch (LaunchFailure | RuntimeException e) {
            progress.accept("Stopping what was started.");
            platform.close();
            throw e instanceof LaunchFailure failure ? failure : new LaunchFailure(e.getMessage(), e);
        }
    }

    private void startAll(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        List<PlatformService> selected = selected(settings);
        Map<PlatformService, Path> jars = jars(settings.repository(), selected);
        assignPorts(settings);
        for (PlatformService service : selected) {
            requireFree(ports.get(service), service.module());
        }
        ServiceEnvironment environment = startEngines(settings, selected, progress);
        Map<PlatformService, ServiceImage> images = images(settings, selected, jars);
        if (settings.aotCache()) {
            train(settings, images, environment, progress);
        }
        progress.accept("Starting " + String.join(", ", selected.stream().map(PlatformService::module).toList()));
        for (PlatformService service : selected) {
            try {
                services.add(ServiceProcess.start(service, ports.get(service), images.get(service).command(),
                        environment.of(service), logs(settings).resolve(service.module() + ".log")));
            } catch (IOException e) {
                throw new LaunchFailure(service.module() + " could not be started: " + e.getMessage(), e);
            }
        }
        for (ServiceProcess service : List.copyOf(services)) {
            try {
                service.awaitReady(READY_PATIENCE);
                progress.accept(service.service().module() + " is ready on port " + service.port());
            } catch (ServiceFailure failure) {
                throw new LaunchFailure(failure.getMessage(), failure);
            }
        }
    }

    /**
     * Trains the AOT caches a build left untrained, against throw-away embedded engines on free ports, and stops
     * them. The caches belong to the jars (they live beside them, in each module's {@code target/platform-app}), so
     * {@code ./platform} runs this as the last step of its build and a start never trains. Nothing is started when
     * every cache is there.
     */
    public static void prepareFastStart(Path repository, List<String> serviceJvmOptions, Consumer<String> progress)
            throws LaunchFailure {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("platform-prepare");
        } catch (IOException e) {
            throw new LaunchFailure("could not create a scratch directory: " + e.getMessage(), e);
        }
        LaunchSettings settings = LaunchSettings.builder(repository, scratch).freePorts(true)
                .serviceJvmOptions(serviceJvmOptions).build();
        LocalPlatform platform = new LocalPlatform();
        try {
            List<PlatformService> selected = selected(settings);
            Map<PlatformService, ServiceImage> images = images(settings, selected,
                    jars(settings.repository(), selected));
            if (images.values().stream().allMatch(ServiceImage::hasCache)) {
                return;
            }
            platform.assignPorts(settings);
            ServiceEnvironment environment = platform.startEngines(settings, selected, message -> { });
            platform.train(settings, images, environment, progress);
        } finally {
            platform.close();
            deleteQuietly(scratch);
        }
    }

    /** Every service's port, also those not started: the gateway's routes name them all. */
    private void assignPorts(LaunchSettings settings) {
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, settings.freePorts() ? freePort() : service.defaultPort());
        }
    }

    private ServiceEnvironment startEngines(LaunchSettings settings, List<PlatformService> selected,
            Consumer<String> progress) throws LaunchFailure {
        createDirectories(settings.dataDirectory());
        secrets = PlatformSecrets.loadOrCreate(settings.dataDirectory());
        DatabaseServer database = database(settings, progress);
        String kafka = kafka(settings, progress);
        String vllm = vllm(settings, progress);
        for (PlatformService service : selected) {
            service.database().ifPresent(name -> LocalPostgres.ensureDatabase(database, name));
        }
        return new ServiceEnvironment(ports, database, kafka, settings.redisUrl(), settings.chromaUrl(), vllm,
                settings.vllmBaseUrl() != null ? settings.vllmModel() : SIMULATED_MODEL, secrets,
                settings.environment());
    }

    private static List<PlatformService> selected(LaunchSettings settings) {
        return settings.services().stream().map(PlatformService::byModule).toList();
    }

    private DatabaseServer database(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        if (settings.postgresUrl() != null) {
            progress.accept("Using PostgreSQL at " + settings.postgresUrl());
            return DatabaseServer.external(settings.postgresUrl(), settings.postgresUser(),
                    settings.postgresPassword());
        }
        int port = settings.freePorts() ? freePort() : POSTGRES_PORT;
        requireFree(port, "embedded PostgreSQL");
        progress.accept("Starting embedded PostgreSQL on port " + port);
        LocalPostgres postgres = LocalPostgres.start(port, settings.dataDirectory().resolve("postgres"));
        engines.add(postgres);
        return postgres;
    }

    private String kafka(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        if (settings.kafkaBootstrapServers() != null) {
            progress.accept("Using Kafka at " + settings.kafkaBootstrapServers());
            return settings.kafkaBootstrapServers();
        }
        int port = settings.freePorts() ? freePort() : KAFKA_PORT;
        int controller = settings.freePorts() ? freePort() : KAFKA_CONTROLLER_PORT;
        requireFree(port, "embedded Kafka");
        requireFree(controller, "embedded Kafka's controller");
        progress.accept("Starting embedded Kafka (KRaft) on port " + port);
        KraftBroker broker = new KraftBroker(port, controller, settings.dataDirectory().resolve("kafka"));
        broker.start();
        engines.add(broker);
        return broker.bootstrapServers();
    }

    private String vllm(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        if (settings.vllmBaseUrl() != null) {
            progress.accept("Using the model server at " + settings.vllmBaseUrl());
            return settings.vllmBaseUrl();
        }
        int port = settings.freePorts() ? freePort() : SIMULATOR_PORT;
        requireFree(port, "the vLLM simulator");
        progress.accept("Starting the vLLM simulator on port " + port + " (no GPU needed)");
        // One simulated 80 GB GPU, so model-manager's hardware, fit and recommendations have something to show.
        VllmSimulator simulator = VllmSimulator.start(SimulatorConfig.builder().port(port)
                .servedModels(SIMULATED_MODEL).latency(LatencyProfile.ofMillis(120, 30, 15, 5))
                .gpus(SIMULATED_GPUS).build());
        engines.add(simulator);
        return simulator.baseUrl();
    }

    /** Each service's jar, extracted beside it (once per build) for its JVM options. */
    private static Map<PlatformService, ServiceImage> images(LaunchSettings settings, List<PlatformService> selected,
            Map<PlatformService, Path> jars) throws LaunchFailure {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Map<PlatformService, ServiceImage> images = new EnumMap<>(PlatformService.class);
        try {
            for (PlatformService service : selected) {
                Path jar = jars.get(service);
                images.put(service, ServiceImage.prepare(service, java, jar, jar.resolveSibling("platform-app"),
                        settings.serviceJvmOptions().isEmpty() ? JVM_OPTIONS : settings.serviceJvmOptions()));
            }
            return images;
        } catch (IOException e) {
            throw new LaunchFailure("could not prepare the services: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted while preparing the services", e);
        }
    }

    /** Trains the missing AOT caches, two at a time; a service whose training fails starts without one. */
    private void train(LaunchSettings settings, Map<PlatformService, ServiceImage> images,
            ServiceEnvironment environment, Consumer<String> progress) throws LaunchFailure {
        List<PlatformService> untrained = images.keySet().stream()
                .filter(service -> !images.get(service).hasCache()).toList();
        if (untrained.isEmpty()) {
            return;
        }
        progress.accept("Preparing fast start-up for " + untrained.size()
                + " services (once per build; about a minute)");
        try (ExecutorService trainers = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> trained = new ArrayList<>();
            for (PlatformService service : untrained) {
                trained.add(trainers.submit(() -> images.get(service).trainCache(environment.of(service),
                        logs(settings).resolve(service.module() + "-aot-training.log"))));
            }
            for (int i = 0; i < untrained.size(); i++) {
                if (!trained.get(i).get()) {
                    progress.accept("  " + untrained.get(i).module() + " will start without its AOT cache");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted while preparing the services", e);
        } catch (ExecutionException e) {
            throw new LaunchFailure("could not prepare the services: " + e.getCause().getMessage(), e);
        }
    }

    public int port(PlatformService service) {
        return ports.get(service);
    }

    /** Where {@code service} listens, as {@code http://localhost:<port>}. */
    public URI url(PlatformService service) {
        return URI.create("http://localhost:" + port(service));
    }

    public PlatformSecrets secrets() {
        return secrets;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Services first, in reverse, so each drains and flushes while its dependencies still run; then the engines. */
    /** Stops the services (each drains its requests and flushes its usage), then the engines it started. */
    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(services);
        Collections.reverse(running);
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            running.stream().filter(service -> service.service() == PlatformService.GATEWAY)
                    .forEach(gateway -> gateway.stop(STOP_GRACE));
            running.forEach(service -> stoppers.submit(() -> service.stop(STOP_GRACE)));
        }
        services.clear();
        List<AutoCloseable> started = new ArrayList<>(engines);
        Collections.reverse(started);
        for (AutoCloseable engine : started) {
            try {
                engine.close();
            } catch (Exception e) {
                System.err.println("could not stop " + engine + ": " + e.getMessage());
            }
        }
        engines.clear();
    }

    private static Map<PlatformService, Path> jars(Path repository, List<PlatformService> selected)
            throws LaunchFailure {
        Map<PlatformService, Path> jars = new EnumMap<>(PlatformService.class);
        for (PlatformService service : selected) {
            Path jar = repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new LaunchFailure(service.module() + " is not built (" + jar + " is missing); run "
                        + "./mvnw -B -ntp -DskipTests package, or ./platform up, which builds what is missing");
            }
            jars.put(service, jar);
        }
        return jars;
    }

    private static Path logs(LaunchSettings settings) {
        return settings.dataDirectory().resolve("logs");
    }

    private static void requireFree(int port, String what) throws LaunchFailure {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException taken) {
            throw new LaunchFailure("port " + port + " (" + what + ") is already in use; stop what uses it, or "
                    + "start with --free-ports");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory, e);
        }
    }
}
