package io.llmplatform.launcher;

import io.llmplatform.launcher.service.PlatformService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./platform up}: the whole platform on this machine, until Ctrl-C. */
@Command(name = "platform", mixinStandardHelpOptions = true,
        subcommands = {PlatformCommand.Up.class, PlatformCommand.Prepare.class},
        description = "Runs the LLM platform on this machine.")
public final class PlatformCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new PlatformCommand()).execute(args));
    }

    @Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Starts every service on its default port, on embedded engines unless real ones are "
                    + "named: embedded PostgreSQL and Kafka keep their data in the data directory between runs, and "
                    + "the vLLM simulator stands in for a model server. Ctrl-C stops everything cleanly.")
    static final class Up implements Callable<Integer> {

        @Option(names = "--data-dir", defaultValue = ".platform-data",
                description = "where the engines' data, secrets and logs live (default: ${DEFAULT-VALUE})")
        Path dataDirectory;

        @Option(names = "--services", split = ",", paramLabel = "SERVICE",
                description = "the services to start (default: all): ${COMPLETION-CANDIDATES}",
                completionCandidates = Modules.class)
        List<String> services = PlatformService.allModules();

        @Option(names = "--vllm-base-url", defaultValue = "${env:VLLM_BASE_URL}",
                description = "an OpenAI-compatible model server (vLLM, Ollama, llama.cpp...) instead of the "
                        + "simulator [env VLLM_BASE_URL]")
        String vllmBaseUrl;

        @Option(names = "--vllm-model", defaultValue = "${env:VLLM_MODEL}",
                description = "the model's name on that server [env VLLM_MODEL]")
        String vllmModel;

        @Option(names = "--postgres-url", defaultValue = "${env:POSTGRES_URL}",
                description = "a PostgreSQL server, jdbc:postgresql://host:port/ ; one database per service is "
                        + "created there [env POSTGRES_URL]")
        String postgresUrl;

        @Option(names = "--postgres-user", defaultValue = "${env:POSTGRES_USER:-postgres}",
                description = "[env POSTGRES_USER]")
        String postgresUser;

        @Option(names = "--postgres-password", defaultValue = "${env:POSTGRES_PASSWORD:-}",
                description = "[env POSTGRES_PASSWORD]")
        String postgresPassword;

        @Option(names = "--kafka-bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
                description = "a Kafka cluster instead of the embedded broker [env KAFKA_BOOTSTRAP_SERVERS]")
        String kafkaBootstrapServers;

        @Option(names = "--chroma-url", defaultValue = "${env:CHROMA_URL}",
                description = "a Chroma server for document-service, instead of its in-memory store [env CHROMA_URL]")
        String chromaUrl;

        @Option(names = "--redis-url", defaultValue = "${env:REDIS_URL}",
                description = "a Redis for quotas and rate limits shared by replicas [env REDIS_URL]")
        String redisUrl;

        @Option(names = "--free-ports", description = "run everything on free ports instead of the defaults")
        boolean freePorts;

        @Option(names = "--no-aot-cache", description = "do not train or use the services' JDK AOT caches")
        boolean noAotCache;

        @Option(names = "--service-jvm-options", defaultValue = "${env:PLATFORM_SERVICE_JVM_OPTIONS}",
                description = "JVM options for every service instead of the small-footprint defaults, e.g. "
                        + "'-XX:+UseG1GC -Xms1g -Xmx1g' for a benchmark [env PLATFORM_SERVICE_JVM_OPTIONS]")
        String serviceJvmOptions;

        @Override
        public Integer call() {
            LaunchSettings settings = LaunchSettings.builder(Path.of("").toAbsolutePath(),
                            dataDirectory.toAbsolutePath())
                    .services(services)
                    .modelServer(vllmBaseUrl, vllmModel)
                    .postgres(postgresUrl, postgresUser, postgresPassword)
                    .kafka(kafkaBootstrapServers)
                    .redis(redisUrl)
                    .chroma(chromaUrl)
                    .freePorts(freePorts)
                    .aotCache(!noAotCache)
                    .serviceJvmOptions(jvmOptions(serviceJvmOptions))
                    .build();
            long started = System.nanoTime();
            LocalPlatform platform = new LocalPlatform();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread stopper = stopOnSignal(() -> {
                System.out.println("\nStopping: services drain their requests and flush usage, then the engines stop.");
                platform.close();
                System.out.println("Stopped. Data kept in " + settings.dataDirectory());
                stopped.countDown();
            });
            try {
                platform.launch(settings, message -> System.out.println("  " + message));
            } catch (LaunchFailure failure) {
                if (platform.stopRequested()) {
                    return 143;
                }
                forget(stopper);
                System.err.println();
                System.err.println("The platform did not start: " + failure.getMessage());
                return 1;
            }
            System.out.println(Instructions.ready(platform, settings, Duration.ofNanos(System.nanoTime() - started)));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Trains the services' JDK AOT caches after a build, against throw-away embedded engines, so "
                    + "that every start is fast; does nothing when they are trained. ./platform runs it.")
    static final class Prepare implements Callable<Integer> {

        @Option(names = "--service-jvm-options", defaultValue = "${env:PLATFORM_SERVICE_JVM_OPTIONS}",
                description = "the JVM options the services will start with (a cache fits only its own options)")
        String serviceJvmOptions;

        @Override
        public Integer call() {
            LocalPlatform platform = new LocalPlatform();
            Thread stopper = stopOnSignal(platform::close);
            try {
                platform.prepareFastStart(Path.of("").toAbsolutePath(), jvmOptions(serviceJvmOptions),
                        message -> System.out.println("  " + message));
                return 0;
            } catch (LaunchFailure failure) {
                if (platform.stopRequested()) {
                    return 143;
                }
                System.err.println("Could not prepare fast start-up: " + failure.getMessage());
                return 1;
            } finally {
                forget(stopper);
            }
        }
    }

    /**
     * Runs {@code stop} on SIGTERM or Ctrl-C, whenever it comes: while the platform starts as well as once it runs,
     * so that nothing it started (embedded PostgreSQL, the services, a training run) outlives the launcher.
     */
    private static Thread stopOnSignal(Runnable stop) {
        Thread stopper = new Thread(stop, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        return stopper;
    }

    /** No stop is needed any more: the platform stopped itself. During a shutdown the hook runs anyway. */
    private static void forget(Thread stopper) {
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it finds the platform closed.
        }
    }

    static List<String> jvmOptions(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** The service names --services accepts, for the help text. */
    static final class Modules implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PlatformService.allModules().iterator();
        }
    }
}
