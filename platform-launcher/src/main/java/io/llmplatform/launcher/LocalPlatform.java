package io.llmplatform.launcher;

import io.llmplatform.launcher.engine.DatabaseServer;
import io.llmplatform.launcher.engine.KraftBroker;
import io.llmplatform.launcher.engine.LocalChroma;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: engines first (the embedded ones unless real ones were named), then every
 * service as its own process, until all are ready. Anything that fails on the way stops what was started and says
 * which part failed and why. {@link #close()} stops services first (they drain and flush), then the engines; called
 * from another thread while the platform is still starting (a shutdown hook, on SIGTERM), it stops the start at its
 * next step, lets the step in progress finish (an engine half started cannot be stopped), and stops all of it.
 */
public final class LocalPlatform implements AutoCloseable {

    static final String SIMULATED_MODEL = "simulated-llm";
    static final String SIMULATED_GPUS = "NVIDIA A100-SXM4-80GB:1";
    private static final int POSTGRES_PORT = 15432;
    private static final int KAFKA_PORT = 19092;
    private static final int KAFKA_CONTROLLER_PORT = 19093;
    private static final int SIMULATOR_PORT = 8000;
    private static final int CHROMA_PORT = 18000;
    private static final Duration READY_PATIENCE = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    /** Small heaps, the serial collector and the client compiler: start fast and fit in memory beside the others. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Xmx256m", "-XX:MaxMetaspaceSize=200m", "-XX:ReservedCodeCacheSize=48m");

    /** Longest a stop waits for the step in progress: an engine's start is bounded by its own start-up timeout. */
    private static final Duration STEP_PATIENCE = Duration.ofMinutes(2);

    private final List<AutoCloseable> engines = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
    private final Set<Process> trainings = ConcurrentHashMap.newKeySet();
    private final List<Path> scratchDirectories = Collections.synchronizedList(new ArrayList<>());
    private final Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private volatile Thread starter;
    private volatile boolean stopping;
    private boolean closed;
    private PlatformSecrets secrets;

    /** Starts everything {@code settings} names and returns once every service is ready. */
    public static LocalPlatform start(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        LocalPlatform platform = new LocalPlatform();
        platform.launch(settings, progress);
        return platform;
    }

    /**
     * Starts everything {@code settings} names on this platform and returns once every service is ready. A caller
     * that may stop it midway (a shutdown hook) creates the platform first and hands it to the hook.
     */
    public void launch(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        beginStarting();
        try {
            startAll(settings, progress);
        } catch (LaunchFailure | RuntimeException | LinkageError e) {
            // A stop during Kafka's start can fail its static set-up (it registers a shutdown hook): a LinkageError.
            progress.accept(stopping ? "Stopped while starting." : "Stopping what was started.");
            startEnded.countDown();
            close();
            throw e instanceof LaunchFailure failure ? failure : new LaunchFailure(e.getMessage(), e);
        } finally {
            startEnded.countDown();
        }
    }

    /** Whether {@link #close()} was asked for, from any thread. */
    public boolean stopRequested() {
        return stopping;
    }

    private void startAll(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        List<PlatformService> selected = selected(settings);
        Map<PlatformService, Path> jars = jars(settings.repository(), selected);
        assignPorts(settings);
        for (PlatformService service : selected) {
            requireFree(ports.get(service), service.module());
        }
        ServiceEnvironment environment = startEngines(settings, selected, false, progress);
        Map<PlatformService, ServiceImage> images = images(settings, selected, jars);
        if (settings.aotCache()) {
            train(settings, images, environment, progress);
        }
        checkNotStopping();
        progress.accept("Starting " + String.join(", ", selected.stream().map(PlatformService::module).toList()));
        for (PlatformService service : selected) {
            try {
                services.add(ServiceProcess.start(service, ports.get(service), images.get(service).command(),
                        environment.of(service), logs(settings).resolve(service.module() + ".log")));
            } catch (IOException e) {
                throw new LaunchFailure(service.module() + " could not be started: " + e.getMessage(), e);
            }
            checkNotStopping();
        }
        for (ServiceProcess service : List.copyOf(services)) {
            try {
                service.awaitReady(READY_PATIENCE, () -> stopping);
                checkNotStopping();
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
    public void prepareFastStart(Path repository, List<String> serviceJvmOptions, Consumer<String> progress)
            throws LaunchFailure {
        beginStarting();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("platform-prepare");
        } catch (IOException e) {
            startEnded.countDown();
            throw new LaunchFailure("could not create a scratch directory: " + e.getMessage(), e);
        }
        scratchDirectories.add(scratch);
        LaunchSettings settings = LaunchSettings.builder(repository, scratch).freePorts(true)
                .serviceJvmOptions(serviceJvmOptions).build();
        try {
            List<PlatformService> selected = selected(settings);
            Map<PlatformService, ServiceImage> images = images(settings, selected,
                    jars(settings.repository(), selected));
            if (images.values().stream().allMatch(ServiceImage::hasCache)) {
                return;
            }
            assignPorts(settings);
            ServiceEnvironment environment = startEngines(settings, selected, true, message -> { });
            train(settings, images, environment, progress);
        } finally {
            startEnded.countDown();
            close();
        }
    }

    /** Every service's port, also those not started: the gateway's routes name them all. */
    private void assignPorts(LaunchSettings settings) {
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, settings.freePorts() ? freePort() : service.defaultPort());
        }
    }

    /** A training start needs no Chroma: document-service connects to its vector store at first use. */
    private ServiceEnvironment startEngines(LaunchSettings settings, List<PlatformService> selected,
            boolean training, Consumer<String> progress) throws LaunchFailure {
        createDirectories(settings.dataDirectory());
        secrets = PlatformSecrets.loadOrCreate(settings.dataDirectory());
        DatabaseServer database = database(settings, progress);
        checkNotStopping();
        String kafka = kafka(settings, progress);
        checkNotStopping();
        String vllm = vllm(settings, progress);
        checkNotStopping();
        String chroma = selected.contains(PlatformService.DOCUMENT) && !training ? chroma(settings, progress)
                : settings.chromaUrl();
        checkNotStopping();
        for (PlatformService service : selected) {
            service.database().ifPresent(name -> LocalPostgres.ensureDatabase(database, name));
        }
        return new ServiceEnvironment(ports, database, kafka, settings.redisUrl(), chroma, vllm,
                settings.vllmBaseUrl() != null ? settings.vllmModel() : SIMULATED_MODEL, secrets,
                settings.dataDirectory(), settings.environment());
    }

    /**
     * document-service's vector store: the named Chroma, else {@code chroma run} when the CLI is installed (data
     * kept in the data directory), else none, and document-service keeps its vectors in its file-backed in-memory
     * store.
     */
    private String chroma(LaunchSettings settings, Consumer<String> progress) throws LaunchFailure {
        if (settings.chromaUrl() != null) {
            progress.accept("Using Chroma at " + settings.chromaUrl());
            return settings.chromaUrl();
        }
        Optional<Path> executable = LocalChroma.executable();
        if (executable.isEmpty()) {
            progress.accept("No CHROMA_URL and no chroma CLI (pip install chromadb): document-service keeps its "
                    + "vectors in memory, saved in the data directory");
            return null;
        }
        int port = settings.freePorts() ? freePort() : CHROMA_PORT;
        requireFree(port, "Chroma");
        progress.accept("Starting Chroma (" + executable.get() + ") on port " + port);
        try {
            LocalChroma chroma = LocalChroma.start(executable.get(), port, settings.dataDirectory().resolve("chroma"),
                    logs(settings).resolve("chroma.log"), Duration.ofSeconds(90));
            engines.add(chroma);
            return chroma.baseUrl();
        } catch (RuntimeException failed) {
            throw new LaunchFailure("Chroma did not start: " + failed.getMessage(), failed);
        }
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
                trained.add(trainers.submit(() -> stopping ? false : images.get(service).trainCache(
                        environment.of(service), logs(settings).resolve(service.module() + "-aot-training.log"),
                        this::tracked)));
            }
            for (int i = 0; i < untrained.size(); i++) {
                if (!trained.get(i).get() && !stopping) {
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

    /**
     * Stops the services (each drains its requests and flushes its usage), then the engines it started. From another
     * thread during a start, it first ends the start: trainings are stopped, and the step in progress finishes.
     */
    @Override
    public void close() {
        stopping = true;
        trainings.forEach(Process::destroy);
        awaitStartEnded();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopServices();
            stopEngines();
            List.copyOf(scratchDirectories).forEach(LocalPlatform::deleteQuietly);
        }
    }

    private void stopServices() {
        List<ServiceProcess> running = new ArrayList<>(services);
        Collections.reverse(running);
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            running.stream().filter(service -> service.service() == PlatformService.GATEWAY)
                    .forEach(gateway -> gateway.stop(STOP_GRACE));
            running.forEach(service -> stoppers.submit(() -> service.stop(STOP_GRACE)));
        }
        services.clear();
    }

    private void stopEngines() {
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

    private void beginStarting() {
        starter = Thread.currentThread();
    }

    /** A stop from another thread waits for the start to notice it; the starting thread itself does not wait. */
    private void awaitStartEnded() {
        Thread starting = starter;
        if (starting == null || starting == Thread.currentThread()) {
            return;
        }
        try {
            if (!startEnded.await(STEP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("the start did not end within " + STEP_PATIENCE + "; stopping what runs anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkNotStopping() throws LaunchFailure {
        if (stopping) {
            throw new LaunchFailure("stopped while starting");
        }
    }

    /** A training process, stopped at once if the platform is stopping. */
    private void tracked(Process training) {
        trainings.add(training);
        training.onExit().thenRun(() -> trainings.remove(training));
        if (stopping) {
            training.destroy();
        }
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
