package io.llmplatform.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar benchmarks.jar --url ... [--rate N | --concurrency N] ...}: an HTTP load generator for the
 * platform's benchmarks.
 */
@Command(name = "load-generator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sends one request over and over, open loop at a fixed rate or closed loop at a fixed "
                + "concurrency, and reports throughput, errors, latency percentiles and, for streams, time to first "
                + "token and tokens per second.")
public final class LoadGeneratorCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "Where to send the request.")
    URI url;
    @Option(names = "--method", defaultValue = "POST", description = "HTTP method (${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--body-file", description = "File holding the request body.")
    Path bodyFile;
    @Option(names = "--body", description = "The request body, inline.")
    String body;
    @Option(names = {"-H", "--header"}, description = "A header, 'Name: value'; repeatable.")
    List<String> headers = List.of();
    @Option(names = "--rate", defaultValue = "0", description = "Open loop: requests per second.")
    double rate;
    @Option(names = "--concurrency", defaultValue = "0", description = "Closed loop: requests in flight.")
    int concurrency;
    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured duration (${DEFAULT-VALUE}).")
    Duration duration;
    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Unmeasured warm-up before it (${DEFAULT-VALUE}).")
    Duration warmup;
    @Option(names = "--stream", description = "Read answers as SSE: time to first token, tokens per second.")
    boolean stream;
    @Option(names = "--connections", defaultValue = "0",
            description = "Most connections open at once; 0 = the concurrency, or 1024 for open loop.")
    int connections;
    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "A request unanswered after this is an error (${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--io-threads", defaultValue = "0", description = "Client event-loop threads; 0 = one per CPU.")
    int ioThreads;
    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    Path json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGeneratorCommand()).execute(args));
    }

    LoadTestConfig config() throws IOException {
        byte[] bytes = bodyFile != null ? Files.readAllBytes(bodyFile)
                : body != null ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
        int maxConnections = connections > 0 ? connections : concurrency > 0 ? concurrency : 1024;
        return new LoadTestConfig(url, method, bytes, headers.stream().map(LoadTestConfig.Header::parse).toList(),
                rate, concurrency, duration, warmup, stream, maxConnections, timeout);
    }

    @Override
    public Integer call() throws IOException {
        LoadTestConfig config = config();
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        LoadReport report = run(config, threads);
        System.out.print(report.toText());
        if (json != null) {
            Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report));
        }
        return report.succeeded() > 0 ? 0 : 1;
    }

    /** Runs one load test and returns its report. */
    public static LoadReport run(LoadTestConfig config, int ioThreads) {
        try (HttpTarget target = new HttpTarget(config, ioThreads)) {
            MeasuredCpu cpu = MeasuredCpu.after(config.warmup());
            Measurements measurements = LoadDriver.run(target, config);
            return LoadReport.of(config, measurements.snapshot(), cpu.seconds());
        }
    }

    /** This process's CPU time from the end of the warm-up on: what the measured part cost the generator. */
    private static final class MeasuredCpu {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private volatile long startNanos = -1;

        static MeasuredCpu after(Duration warmup) {
            MeasuredCpu cpu = new MeasuredCpu();
            Thread.ofPlatform().daemon().name("load-generator-cpu").start(() -> {
                try {
                    Thread.sleep(warmup);
                } catch (InterruptedException e) {
                    return;
                }
                cpu.startNanos = OS.getProcessCpuTime();
            });
            return cpu;
        }

        double seconds() {
            return startNanos < 0 ? 0 : (OS.getProcessCpuTime() - startNanos) / 1e9;
        }
    }
}
